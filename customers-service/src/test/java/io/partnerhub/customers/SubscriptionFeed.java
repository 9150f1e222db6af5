package io.partnerhub.customers;

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
                        String startDate, String endDate, boolean autoRenew, long version, String linesJson) {
        String data = """
                {"subscription":{"subscriptionId":"%s","customerId":"%s","type":"%s","status":"%s","startDate":"%s",
                 "endDate":"%s","autoRenew":%s,"termMonths":12,"lines":%s},"version":%d}
                """.formatted(subscriptionId, customerId, subscriptionType, status, startDate, endDate, autoRenew, linesJson, version);
        return send(type, customerId, data, UUID.randomUUID().toString());
    }

    String usage(String customerId, String subscriptionId, String product, String date, long assigned, long used) {
        return usageAt(TIME, customerId, subscriptionId, product, date, assigned, used);
    }

    /** A usage event written at {@code time} (the event's time attribute); returns the event id. */
    String usageAt(String time, String customerId, String subscriptionId, String product, String date, long assigned, long used) {
        String data = """
                {"subscriptionId":"%s","customerId":"%s","snapshots":[{"product":"%s","date":"%s","assigned":%d,"used":%d}]}
                """.formatted(subscriptionId, customerId, product, date, assigned, used);
        return send("partnerhub.license.usage-recorded", customerId, data, UUID.randomUUID().toString(), time);
    }

    String send(String type, String key, String data, String eventId) {
        return send(type, key, data, eventId, TIME);
    }

    private String send(String type, String key, String data, String eventId, String time) {
        String value = """
                {"specversion":"1.0","id":"%s","source":"/subscriptions-service","type":"%s","subject":"%s",
                 "time":"%s","datacontenttype":"application/json","partnerorgid":"%s","data":%s}
                """.formatted(eventId, type, key, time, partner, data);
        writer.send(TOPIC, key, value);
        return eventId;
    }

    static String lines(String product, long purchased) {
        return "[{\"product\":\"" + product + "\",\"sku\":\"A-" + product + "\",\"purchased\":" + purchased + "}]";
    }

    @Override
    public void close() {
        writer.close();
    }
}
