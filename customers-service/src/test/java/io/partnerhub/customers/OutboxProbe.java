package io.partnerhub.customers;

import io.partnerhub.platform.runtime.outbox.Outbox;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.Map;

/** Test-only endpoints that write outbox events in a transaction that commits or rolls back. */
@Path("/test-support/outbox")
@PermitAll
public class OutboxProbe {

    private final Writer writer;

    public OutboxProbe(Writer writer) {
        this.writer = writer;
    }

    @POST
    @Path("/commit")
    public Uni<Void> commit(@QueryParam("key") String key) {
        return writer.write(key, false);
    }

    @POST
    @Path("/rollback")
    public Uni<Void> rollback(@QueryParam("key") String key) {
        return writer.write(key, true);
    }

    @POST
    @Path("/bulk")
    public Uni<Void> bulk(@QueryParam("key") String key, @QueryParam("count") int count) {
        return writer.writeMany(key, count);
    }

    @ApplicationScoped
    public static class Writer {
        private final Outbox outbox;

        public Writer(Outbox outbox) {
            this.outbox = outbox;
        }

        @WithTransaction
        public Uni<Void> writeMany(String key, int count) {
            java.util.List<Outbox.Message> messages = new java.util.ArrayList<>();
            for (int n = 0; n < count; n++) {
                messages.add(new Outbox.Message("partnerhub.customers.v1", "test.bulk", key, "test-partner", Map.of("n", n)));
            }
            return outbox.publishAll(messages).replaceWithVoid();
        }

        @WithTransaction
        public Uni<Void> write(String key, boolean fail) {
            return outbox.publish("partnerhub.customers.v1", fail ? "test.rolled-back" : "test.committed", key, "test-partner",
                            Map.of("key", key))
                    .invoke(() -> {
                        if (fail) {
                            throw ProblemException.conflict("rolled back on purpose");
                        }
                    })
                    .replaceWithVoid();
        }
    }
}
