package io.partnerhub.customers;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays subscriptions-service in tests: writes its events to the real broker, as EVENTS.md shapes them. */
final class SubscriptionFeed implements AutoCloseable {

    static final String TOPIC = "partnerhub.subscriptions.v1";

    private final KafkaProducer<String, String> producer;
    private final String partner;

    SubscriptionFeed(String bootstrap, String partner) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
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
        String data = """
                {"subscriptionId":"%s","customerId":"%s","snapshots":[{"product":"%s","date":"%s","assigned":%d,"used":%d}]}
                """.formatted(subscriptionId, customerId, product, date, assigned, used);
        return send("partnerhub.license.usage-recorded", customerId, data, UUID.randomUUID().toString());
    }

    String send(String type, String key, String data, String eventId) {
        String value = """
                {"specversion":"1.0","id":"%s","source":"/subscriptions-service","type":"%s","subject":"%s",
                 "time":"2026-11-25T10:00:00Z","datacontenttype":"application/json","partnerorgid":"%s","data":%s}
                """.formatted(eventId, type, key, partner, data);
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, key, value);
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }

    static String lines(String product, long purchased) {
        return "[{\"product\":\"" + product + "\",\"sku\":\"A-" + product + "\",\"purchased\":" + purchased + "}]";
    }

    @Override
    public void close() {
        producer.close();
    }
}
