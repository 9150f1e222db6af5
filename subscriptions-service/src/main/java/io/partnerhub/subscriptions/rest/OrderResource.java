package io.partnerhub.subscriptions.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.runtime.security.Roles;
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
