package io.partnerhub.subscriptions.service;

import io.partnerhub.platform.core.problem.Problem;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.subscriptions.event.SubscriptionEvents;
import io.partnerhub.subscriptions.repository.UsageRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * License usage ingest: dated snapshots of assigned and used per subscription line, stored in one set-based
 * statement; one {@code partnerhub.license.usage-recorded} event per subscription (and per chunk of snapshots,
 * so an event stays well under the broker's message size).
 */
@ApplicationScoped
public class LicenseUsageService {

    static final int SNAPSHOTS_PER_EVENT = 1000;

    public record Rejected(int index, List<Problem.FieldError> errors) {
    }

    public record IngestResult(int accepted, List<Rejected> rejected) {
    }

    private final UsageRepository usage;
    private final SubscriptionEvents events;
    private final Clock clock;

    public LicenseUsageService(UsageRepository usage, SubscriptionEvents events, Clock clock) {
        this.usage = usage;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param valid    the snapshots that passed validation
     * @param rejected those that did not, by index
     */
    @WithTransaction
    public Uni<IngestResult> ingest(Actor actor, List<UsageRepository.Input> valid, List<Rejected> rejected) {
        if (valid.isEmpty()) {
            return Uni.createFrom().item(new IngestResult(0, sorted(rejected)));
        }
        return usage.upsert(actor.partnerOrgId(), valid, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .call(stored -> publish(actor, stored))
                .map(stored -> {
                    Set<Integer> matched = new HashSet<>();
                    stored.forEach(s -> matched.add(s.idx()));
                    List<Rejected> all = new ArrayList<>(rejected);
                    for (UsageRepository.Input input : valid) {
                        if (!matched.contains(input.idx())) {
                            all.add(new Rejected(input.idx(), List.of(new Problem.FieldError("subscriptionId",
                                    "no subscription " + input.sid() + " with a " + input.product() + " line"))));
                        }
                    }
                    return new IngestResult(stored.size(), sorted(all));
                });
    }

    private Uni<Void> publish(Actor actor, List<UsageRepository.Stored> stored) {
        Map<String, List<UsageRepository.Stored>> bySubscription = new LinkedHashMap<>();
        stored.forEach(s -> bySubscription.computeIfAbsent(s.subscriptionId(), k -> new ArrayList<>()).add(s));
        List<List<UsageRepository.Stored>> chunks = new ArrayList<>();
        for (List<UsageRepository.Stored> rows : bySubscription.values()) {
            for (int i = 0; i < rows.size(); i += SNAPSHOTS_PER_EVENT) {
                chunks.add(rows.subList(i, Math.min(rows.size(), i + SNAPSHOTS_PER_EVENT)));
            }
        }
        // all events in one outbox write per thousand
        return events.publishAll(chunks.stream()
                .map(chunk -> events.usageRecordedMessage(actor.partnerOrgId(), chunk.get(0).subscriptionId(), chunk.get(0).customerId(),
                        chunk.stream().map(s -> new SubscriptionEvents.Snapshot(s.product(), s.date(), s.assigned(), s.used())).toList()))
                .toList());
    }

    private static List<Rejected> sorted(List<Rejected> rejected) {
        return rejected.stream().sorted(java.util.Comparator.comparingInt(Rejected::index)).toList();
    }
}
