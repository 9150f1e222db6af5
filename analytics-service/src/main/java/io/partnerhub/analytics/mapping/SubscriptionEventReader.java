package io.partnerhub.analytics.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.analytics.Product;
import io.partnerhub.platform.runtime.inbox.IncomingEvents.InvalidEventException;
import io.partnerhub.platform.runtime.outbox.CloudEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.partnerhub.platform.runtime.inbox.EventFields.date;
import static io.partnerhub.platform.runtime.inbox.EventFields.text;
import static io.partnerhub.platform.runtime.inbox.EventFields.uuid;

/**
 * Reads the events of {@code partnerhub.subscriptions.v1} that analytics uses; other types are skipped. An event of a
 * used type that lacks what it needs is invalid (it goes to the dead-letter topic).
 */
public final class SubscriptionEventReader {

    public static final String USAGE_RECORDED = "partnerhub.license.usage-recorded";

    private SubscriptionEventReader() {
    }

    public static Optional<AnalyticsEvent> read(CloudEvent event) {
        String type = event.type();
        if (type.startsWith("partnerhub.subscription.") || type.startsWith("partnerhub.trial.")) {
            return Optional.of(subscription(event));
        }
        if (USAGE_RECORDED.equals(type)) {
            return Optional.of(usage(event));
        }
        return Optional.empty();
    }

    private static AnalyticsEvent.SubscriptionChanged subscription(CloudEvent event) {
        JsonNode data = data(event);
        JsonNode s = data.path("subscription");
        String type = text(s, "type");
        if (!"SUBSCRIPTION".equals(type) && !"TRIAL".equals(type)) {
            throw new InvalidEventException("subscription.type must be SUBSCRIPTION or TRIAL");
        }
        long version = data.path("version").asLong(0);
        if (version < 1) {
            throw new InvalidEventException("version must be a positive number");
        }
        Map<Product, Integer> purchased = new EnumMap<>(Product.class);
        for (JsonNode line : s.path("lines")) {
            Product product = Product.of(line.path("product").asText());
            if (product != null) {
                purchased.merge(product, count(line, "purchased"), Integer::sum);
            }
        }
        return new AnalyticsEvent.SubscriptionChanged(event.partnerorgid(), event.id(), time(event), text(s, "subscriptionId"),
                uuid(s, "customerId"), "TRIAL".equals(type), text(s, "status"), date(s, "startDate"), date(s, "endDate"),
                s.path("autoRenew").asBoolean(false), version, purchased);
    }

    private static AnalyticsEvent.UsageRecorded usage(CloudEvent event) {
        JsonNode data = data(event);
        // each (product, date) once: the last of the event wins, as it would in a later event
        Map<String, AnalyticsEvent.Snapshot> snapshots = new LinkedHashMap<>();
        for (JsonNode snapshot : data.path("snapshots")) {
            Product product = Product.of(snapshot.path("product").asText());
            if (product == null) {
                continue;
            }
            LocalDate day = date(snapshot, "date");
            snapshots.remove(product + "/" + day);
            snapshots.put(product + "/" + day, new AnalyticsEvent.Snapshot(product, day, count(snapshot, "assigned"), count(snapshot, "used")));
        }
        return new AnalyticsEvent.UsageRecorded(event.partnerorgid(), event.id(), time(event), text(data, "subscriptionId"),
                uuid(data, "customerId"), new ArrayList<>(snapshots.values()));
    }

    private static JsonNode data(CloudEvent event) {
        if (event.data() == null || !event.data().isObject()) {
            throw new InvalidEventException(event.type() + " without data");
        }
        return event.data();
    }

    /** The event time; an event without one counts as produced at the epoch (any timed write of the same date wins). */
    private static Instant time(CloudEvent event) {
        return event.time() == null ? Instant.EPOCH : event.time();
    }

    private static int count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw new InvalidEventException(field + " must be a whole number from 0");
        }
        return value.asInt();
    }

}
