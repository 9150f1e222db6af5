package io.partnerhub.customers.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.customers.Customer;
import io.partnerhub.customers.event.CustomerEvents;
import io.partnerhub.platform.core.problem.Problem;
import io.partnerhub.platform.runtime.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.partnerhub.customers.repository.CustomerStatuses;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * Records each valid sign-in; an invalid item is reported by index with all of its errors, each named by its path
     * in the request ({@code [3].customerId}), and does not fail the others.
     */
    @WithTransaction
    public Uni<Result> record(Actor actor, List<JsonNode> items) {
        List<Rejected> rejected = new ArrayList<>();
        int[] accepted = {0};
        Uni<Void> chain = Uni.createFrom().voidItem();
        // the customers whose statuses may change: recomputed once for the whole batch, not per sign-in
        java.util.Set<UUID> signedIn = new java.util.LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            String path = "[" + i + "]";
            JsonNode item = items.get(i);
            List<Problem.FieldError> errors = new ArrayList<>();
            UUID customerId = null;
            Instant at = null;
            if (item == null || !item.isObject()) {
                errors.add(new Problem.FieldError(path, "must be a sign-in object {customerId, at}"));
            } else {
                JsonNode customer = item.get("customerId");
                if (customer == null || customer.isNull()) {
                    errors.add(new Problem.FieldError(path + ".customerId", "must not be null"));
                } else {
                    try {
                        customerId = customer.isTextual() ? UUID.fromString(customer.textValue()) : null;
                    } catch (IllegalArgumentException e) {
                        // reported below
                    }
                    if (customerId == null) {
                        errors.add(new Problem.FieldError(path + ".customerId", "must be a UUID"));
                    }
                }
                JsonNode time = item.get("at");
                if (time == null || time.isNull()) {
                    errors.add(new Problem.FieldError(path + ".at", "must not be null"));
                } else {
                    try {
                        at = time.isTextual() ? Instant.parse(time.textValue()) : null;
                    } catch (DateTimeParseException e) {
                        // reported below
                    }
                    if (at == null) {
                        errors.add(new Problem.FieldError(path + ".at", "must be a UTC time like 2026-11-25T10:00:00Z"));
                    } else if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                        errors.add(new Problem.FieldError(path + ".at", "must be a time in the years 1 to 9999"));
                        at = null;
                    }
                }
            }
            if (!errors.isEmpty()) {
                rejected.add(new Rejected(index, errors));
                continue;
            }
            SignIn signIn = new SignIn(customerId.toString(), at);
            UUID id = customerId;
            chain = chain.chain(() -> Customer.<Customer>find("id = ?1 and partnerOrgId = ?2 and deleted = false", id, actor.partnerOrgId())
                    .firstResult()
                    .chain(customer -> {
                        if (customer == null) {
                            rejected.add(new Rejected(index, List.of(new Problem.FieldError(path + ".customerId", "is not a customer of this partner"))));
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
                                .invoke(() -> signedIn.add(customer.id))
                                .chain(() -> events.adminSignedIn(actor.partnerOrgId(), customer.id.toString(), signIn.at()));
                    }));
        }
        return chain.chain(() -> signedIn.isEmpty() ? Uni.createFrom().voidItem()
                        : Panache.getSession().chain(session -> CustomerStatuses.refresh(session, List.copyOf(signedIn))))
                .map(ignored -> new Result(accepted[0], rejected.stream()
                .sorted(java.util.Comparator.comparingInt(Rejected::index)).toList()));
    }
}
