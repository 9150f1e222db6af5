package io.partnerhub.subscriptions.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.core.security.Roles;
import io.partnerhub.subscriptions.mapping.OrderMapper;
import io.partnerhub.subscriptions.repository.CustomerDirectoryRepository;
import io.partnerhub.subscriptions.service.CustomerDirectory;
import io.partnerhub.subscriptions.service.IdempotentRequests;
import io.partnerhub.subscriptions.service.NewOrder;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    private final CustomerDirectory directory;

    public OrderResource(OrderService orders, IdempotentRequests idempotent, Caller caller, ObjectMapper json, Validator validator,
                         CustomerDirectory directory) {
        this.orders = orders;
        this.directory = directory;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
        this.validator = validator;
    }

    /**
     * 201 when the order created its subscription; 200 for an amendment; 200 with {@code Idempotent-Replayed: true} for
     * a revision received before with the same content (the first result, nothing changes) or a replayed
     * Idempotency-Key (the first answer). A revision received before with other content is 409; an order naming a
     * {@code customerId} the partner does not have is 404 (a customer only CCW knows comes as {@code customer{…}}).
     */
    @POST
    @RolesAllowed(Roles.ORDER_INTEGRATOR)
    @Operation(summary = "Place an order from CCW: creates or amends its subscription")
    @APIResponse(responseCode = "201", description = "The order created its subscription", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderResult.class)))
    @APIResponse(responseCode = "200", description = "An amendment; or, with Idempotent-Replayed: true, a revision received before with the same content (the first result, nothing changes) or a replayed Idempotency-Key (the first answer)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderResult.class)))
    @APIResponse(responseCode = "404", description = "The order names a customerId the partner does not have")
    @APIResponse(responseCode = "409", description = "A revision of this order received before with other content, or an Idempotency-Key in progress")
    public Uni<Response> place(@Valid @NotNull OrderRequest request, @HeaderParam("Idempotency-Key") Optional<String> key) {
        Actor actor = caller.actor();
        NewOrder order = OrderMapper.toNewOrder(request);
        Uni<Void> customer = order.customerId() == null ? Uni.createFrom().voidItem() : directory.require(actor, order.customerId());
        return customer.chain(() -> idempotent.inTransaction(actor, key, "POST /orders", request, () -> orders.place(actor, order)
                        .map(outcome -> new IdempotentRequests.Result(outcome.created() ? 201 : 200, outcome.result(), outcome.replayed()))))
                .map(Answers::of);
    }

    /**
     * Up to 1,000 orders in one transaction, each behind its own savepoint: a bad one is reported by index with all its
     * problems and fails nothing else. Customers are resolved before the transaction starts (waiting, as for one order,
     * for customers not arrived yet).
     */
    @POST
    @Path("/batch")
    @RolesAllowed(Roles.ORDER_INTEGRATOR)
    @Operation(summary = "Place up to 1,000 orders: one result per item, a bad item fails nothing else")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, maxItems = 1000, implementation = OrderRequest.class)))
    @APIResponse(responseCode = "200", description = "Per item: the status POST /orders would have answered (201, 200, 400, 404, 409), its result or its problem; replayed: true for a revision received before with the same content", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderBatchResponse.class)))
    public Uni<Response> placeBatch(@NotNull List<JsonNode> items, @HeaderParam("Idempotency-Key") Optional<String> key) {
        Actor actor = caller.actor();
        if (items.size() > MAX_BATCH) {
            throw ProblemException.badRequest("", "a batch holds at most " + MAX_BATCH + " orders");
        }
        List<OrderMapper.Parsed> parsed = items.stream().map(node -> OrderMapper.parse(node, json, validator)).toList();
        Set<UUID> customerIds = parsed.stream().filter(OrderMapper.Parsed::valid).map(p -> p.order().customerId())
                .filter(Objects::nonNull).collect(Collectors.toSet());
        return directory.resolve(actor.partnerOrgId(), customerIds).chain(presence -> {
            List<OrderService.BatchItem> batch = parsed.stream().map(p -> {
                if (!p.valid()) {
                    return OrderService.BatchItem.rejected(400, "The order is not valid", p.errors());
                }
                UUID customerId = p.order().customerId();
                if (customerId != null && presence.get(customerId) != CustomerDirectoryRepository.Presence.KNOWN) {
                    return OrderService.BatchItem.rejected(404, "Customer not found", null);
                }
                return OrderService.BatchItem.of(p.order());
            }).toList();
            return idempotent.inTransaction(actor, key, "POST /orders/batch", items,
                    () -> orders.placeBatch(actor, batch).map(results -> new IdempotentRequests.Result(200, response(results))));
        }).map(Answers::of);
    }

    private static OrderBatchResponse response(List<OrderService.BatchResult> results) {
        return new OrderBatchResponse(
                (int) results.stream().filter(r -> r.status() < 300).count(),
                (int) results.stream().filter(r -> r.status() >= 300).count(),
                results.stream().map(r -> new OrderBatchResponse.Item(r.index(), r.status(), r.result(), r.detail(), r.errors(),
                        r.replayed() ? Boolean.TRUE : null)).toList());
    }
}
