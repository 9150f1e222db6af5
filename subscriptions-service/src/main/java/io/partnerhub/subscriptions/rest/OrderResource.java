package io.partnerhub.subscriptions.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.runtime.security.Roles;
import io.partnerhub.subscriptions.mapping.OrderMapper;
import io.partnerhub.subscriptions.service.Answer;
import io.partnerhub.subscriptions.service.IdempotentRequests;
import io.partnerhub.subscriptions.service.OrderService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import io.partnerhub.subscriptions.service.OrderResult;

/** CCW orders from the commerce system's integration ({@code order-integrator} only). */
@Path("/api/v1/orders")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {

    static final int MAX_BATCH = 1000;

    private final OrderService orders;
    private final IdempotentRequests idempotent;
    private final Caller caller;
    private final ObjectMapper json;
    private final Validator validator;

    public OrderResource(OrderService orders, IdempotentRequests idempotent, Caller caller, ObjectMapper json, Validator validator) {
        this.orders = orders;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
        this.validator = validator;
    }

    /** 201 when the order created its subscription, 200 for an amendment or a replay (the first answer). */
    @POST
    @RolesAllowed(Roles.ORDER_INTEGRATOR)
    @Operation(summary = "Place an order from CCW: creates or amends its subscription")
    @APIResponse(responseCode = "201", description = "The order created its subscription", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderResult.class)))
    @APIResponse(responseCode = "200", description = "An amendment, or a replay (the first answer)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderResult.class)))
    public Uni<Response> place(@Valid @NotNull OrderRequest request, @HeaderParam("Idempotency-Key") Optional<String> key) {
        Actor actor = caller.actor();
        return idempotent.inTransaction(actor, key, "POST /orders", () -> orders.place(actor, OrderMapper.toNewOrder(request))
                        .map(outcome -> new IdempotentRequests.Result(outcome.created() ? 201 : 200, outcome.result())))
                .map(OrderResource::toResponse);
    }

    /** Up to 1,000 orders, each behind its own savepoint: a bad one is reported by index and fails nothing else. */
    @POST
    @Path("/batch")
    @RolesAllowed(Roles.ORDER_INTEGRATOR)
    @Operation(summary = "Place up to 1,000 orders: one result per item, a bad item fails nothing else")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, maxItems = 1000, implementation = OrderRequest.class)))
    @APIResponse(responseCode = "200", description = "Per item: the status POST /orders would have answered, its result or its problem", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderBatchResponse.class)))
    public Uni<Response> placeBatch(@NotNull List<JsonNode> items, @HeaderParam("Idempotency-Key") Optional<String> key) {
        Actor actor = caller.actor();
        if (items.size() > MAX_BATCH) {
            throw ProblemException.badRequest("", "a batch holds at most " + MAX_BATCH + " orders");
        }
        String scope = "POST /orders/batch";
        return idempotent.lookup(actor, key, scope).chain(stored -> stored != null
                ? Uni.createFrom().item(toResponse(stored))
                : run(actor, items).chain(result -> idempotent.remember(actor, key, scope, new IdempotentRequests.Result(200, result)))
                        .map(OrderResource::toResponse));
    }

    private Uni<OrderBatchResponse> run(Actor actor, List<JsonNode> items) {
        List<OrderService.BatchItem> parsed = items.stream().map(node -> OrderMapper.parse(node, json, validator))
                .map(p -> new OrderService.BatchItem(p.order(), p.errors())).toList();
        return orders.placeBatch(actor, parsed).map(results -> new OrderBatchResponse(
                (int) results.stream().filter(r -> r.status() < 300).count(),
                (int) results.stream().filter(r -> r.status() >= 300).count(),
                results.stream().map(r -> new OrderBatchResponse.Item(r.index(), r.status(), r.result(), r.detail(), r.errors())).toList()));
    }

    static Response toResponse(Answer answer) {
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body()).build();
    }
}
