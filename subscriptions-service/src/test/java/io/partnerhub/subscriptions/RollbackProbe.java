package io.partnerhub.subscriptions;

import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.subscriptions.Line;
import io.partnerhub.subscriptions.Product;
import io.partnerhub.subscriptions.service.NewOrder;
import io.partnerhub.subscriptions.service.OrderService;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Test-only: places an order (subscription, order row, outbox events) in a transaction that then rolls back. */
@Path("/test-support/orders/rollback")
@PermitAll
public class RollbackProbe {

    private final Writer writer;

    public RollbackProbe(Writer writer) {
        this.writer = writer;
    }

    @POST
    public Uni<Void> placeThenFail(@QueryParam("partner") String partner, @QueryParam("customer") String customer) {
        return writer.placeThenFail(partner, UUID.fromString(customer));
    }

    @ApplicationScoped
    public static class Writer {
        private final OrderService orders;

        public Writer(OrderService orders) {
            this.orders = orders;
        }

        @WithTransaction
        public Uni<Void> placeThenFail(String partner, UUID customer) {
            NewOrder order = new NewOrder("CCW-RB", 1, customer, null, "SUB-RB", LocalDate.parse("2026-01-01"), 12, true,
                    List.of(new Line(Product.MEETINGS, "A-MTG", 10)));
            return orders.place(new Actor(partner, "probe", false), order)
                    .invoke(() -> {
                        throw ProblemException.conflict("rolled back on purpose after the order was placed");
                    })
                    .replaceWithVoid();
        }
    }
}
