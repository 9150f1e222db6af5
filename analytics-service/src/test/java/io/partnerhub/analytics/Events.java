package io.partnerhub.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Events of {@code partnerhub.subscriptions.v1} as subscriptions-service publishes them (structured CloudEvents). */
final class Events {

    static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    /** A subscription or trial's full state; {@code lines} alternate product and purchased. */
    static String subscription(String partner, String type, String subscriptionId, UUID customer, boolean trial, String status,
                               LocalDate start, LocalDate end, boolean autoRenew, long version, Object... lines) {
        ObjectNode s = JSON.createObjectNode()
                .put("subscriptionId", subscriptionId).put("customerId", customer.toString())
                .put("type", trial ? "TRIAL" : "SUBSCRIPTION").put("status", status)
                .put("startDate", start.toString()).put("endDate", end.toString()).put("autoRenew", autoRenew);
        ArrayNode lineArray = s.putArray("lines");
        for (int i = 0; i < lines.length; i += 2) {
            lineArray.addObject().put("product", (String) lines[i]).put("sku", "SKU-" + lines[i]).put("purchased", (Integer) lines[i + 1]);
        }
        ObjectNode data = JSON.createObjectNode();
        data.set("subscription", s);
        data.put("version", version);
        return envelope(partner, type, customer, Instant.parse("2026-11-25T10:00:00Z"), UUID.randomUUID().toString(), data);
    }

    /** One dated snapshot: product, date, assigned, used. */
    record Snapshot(String product, LocalDate date, int assigned, int used) {
    }

    static String usage(String partner, String eventId, Instant time, String subscriptionId, UUID customer, Snapshot... snapshots) {
        ObjectNode data = JSON.createObjectNode().put("subscriptionId", subscriptionId).put("customerId", customer.toString());
        ArrayNode array = data.putArray("snapshots");
        for (Snapshot s : snapshots) {
            array.addObject().put("product", s.product()).put("date", s.date().toString()).put("assigned", s.assigned()).put("used", s.used());
        }
        return envelope(partner, "partnerhub.license.usage-recorded", customer, time, eventId, data);
    }

    private static String envelope(String partner, String type, UUID customer, Instant time, String id, ObjectNode data) {
        ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", id).put("source", "/subscriptions-service")
                .put("type", type).put("subject", customer.toString()).put("time", time.toString())
                .put("datacontenttype", "application/json").put("partnerorgid", partner);
        event.set("data", data);
        return event.toString();
    }
}
