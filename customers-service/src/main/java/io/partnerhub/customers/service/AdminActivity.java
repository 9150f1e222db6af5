package io.partnerhub.customers.service;

import io.partnerhub.customers.Customer;
import io.partnerhub.customers.event.CustomerEvents;
import io.partnerhub.platform.runtime.problem.Problem;
import io.partnerhub.platform.runtime.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Customer-admin sign-ins (Control Hub) fed by telemetry: what NO_RECENT_ACTIVITY is computed from. */
@ApplicationScoped
public class AdminActivity {

    public record SignIn(String customerId, Instant at) {
    }

    public record Rejected(int index, List<Problem.FieldError> errors) {
    }

    public record Result(int accepted, List<Rejected> rejected) {
    }

    private final CustomerEvents events;

    public AdminActivity(CustomerEvents events) {
        this.events = events;
    }

    /** Records each valid sign-in; an invalid item is reported by index and does not fail the others. */
    @WithTransaction
    public Uni<Result> record(Actor actor, List<SignIn> signIns) {
        List<Rejected> rejected = new ArrayList<>();
        int[] accepted = {0};
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < signIns.size(); i++) {
            int index = i;
            SignIn signIn = signIns.get(i);
            List<Problem.FieldError> errors = new ArrayList<>();
            UUID customerId = null;
            if (signIn == null) {
                errors.add(new Problem.FieldError("", "must be an object"));
            } else {
                try {
                    customerId = signIn.customerId() == null ? null : UUID.fromString(signIn.customerId());
                } catch (IllegalArgumentException e) {
                    errors.add(new Problem.FieldError("customerId", "must be a UUID"));
                }
                if (signIn.customerId() == null) {
                    errors.add(new Problem.FieldError("customerId", "must not be null"));
                }
                if (signIn.at() == null) {
                    errors.add(new Problem.FieldError("at", "must not be null"));
                }
            }
            if (!errors.isEmpty()) {
                rejected.add(new Rejected(index, errors));
                continue;
            }
            UUID id = customerId;
            chain = chain.chain(() -> Customer.<Customer>find("id = ?1 and partnerOrgId = ?2 and deleted = false", id, actor.partnerOrgId())
                    .firstResult()
                    .chain(customer -> {
                        if (customer == null) {
                            rejected.add(new Rejected(index, List.of(new Problem.FieldError("customerId", "is not a customer of this partner"))));
                            return Uni.createFrom().voidItem();
                        }
                        accepted[0]++;
                        if (customer.lastAdminActivityAt == null || customer.lastAdminActivityAt.isBefore(signIn.at())) {
                            customer.lastAdminActivityAt = signIn.at();
                        }
                        return Panache.getSession().chain(session -> session.createNativeQuery(
                                        "insert into customer_admin_activity (customer_id, day) values (?1, ?2) on conflict do nothing")
                                        .setParameter(1, customer.id)
                                        .setParameter(2, OffsetDateTime.ofInstant(signIn.at(), ZoneOffset.UTC).toLocalDate())
                                        .executeUpdate())
                                .chain(() -> events.adminSignedIn(actor.partnerOrgId(), customer.id.toString(), signIn.at()));
                    }));
        }
        return chain.map(ignored -> new Result(accepted[0], rejected.stream()
                .sorted(java.util.Comparator.comparingInt(Rejected::index)).toList()));
    }
}
