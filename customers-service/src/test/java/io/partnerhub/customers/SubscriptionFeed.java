package io.partnerhub.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.TopicWriter;
import java.util.UUID;

/** Plays subscriptions-service in tests: writes its events to the real broker, as docs/events.md shapes them. */
final class SubscriptionFeed implements AutoCloseable {

    static final String TOPIC = "partnerhub.subscriptions.v1";
    static final String TIME = "2026-11-25T10:00:00Z";

    private final TopicWriter writer;
    private final String partner;

    SubscriptionFeed(String bootstrap, String partner) {
        this.writer = TopicWriter.open(bootstrap);
        this.partner = partner;
    }

    /** A subscription (or trial) state event; returns the event id. */
    String subscription(String type, String customerId, String subscriptionId, String subscriptionType, String status,
                        String startDate, String endDate, boolean autoRenew, long version, ArrayNode lines) {
        ObjectNode data = Json.object();
        data.putObject("subscription").put("subscriptionId", subscriptionId).put("customerId", customerId)
                .put("type", subscriptionType).put("status", status).put("startDate", startDate).put("endDate", endDate)
                .put("autoRenew", autoRenew).put("termMonths", 12).set("lines", lines);
        data.put("version", version);
        return send(type, customerId, data, UUID.randomUUID().toString());
    }

    String usage(String customerId, String subscriptionId, String product, String date, long assigned, long used) {
        return usageAt(TIME, customerId, subscriptionId, product, date, assigned, used);
    }

    /** A usage event written at {@code time} (the event's time attribute); returns the event id. */
    String usageAt(String time, String customerId, String subscriptionId, String product, String date, long assigned, long used) {
        ObjectNode data = Json.object().put("subscriptionId", subscriptionId).put("customerId", customerId);
        data.putArray("snapshots").addObject().put("product", product).put("date", date).put("assigned", assigned).put("used", used);
        return send("partnerhub.license.usage-recorded", customerId, data, UUID.randomUUID().toString(), time);
    }

    String send(String type, String key, JsonNode data, String eventId) {
        return send(type, key, data, eventId, TIME);
    }

    private String send(String type, String key, JsonNode data, String eventId, String time) {
        ObjectNode value = Json.object().put("specversion", "1.0").put("id", eventId).put("source", "/subscriptions-service")
                .put("type", type).put("subject", key).put("time", time).put("datacontenttype", "application/json")
                .put("partnerorgid", partner);
        value.set("data", data);
        writer.send(TOPIC, key, value.toString());
        return eventId;
    }

    static ArrayNode lines(String product, long purchased) {
        return lines(product, "A-" + product, purchased);
    }

    static ArrayNode lines(String product, String sku, long purchased) {
        return Json.array().add(line(product, sku, purchased));
    }

    static ObjectNode line(String product, String sku, long purchased) {
        return Json.object().put("product", product).put("sku", sku).put("purchased", purchased);
    }

    @Override
    public void close() {
        writer.close();
    }
}
