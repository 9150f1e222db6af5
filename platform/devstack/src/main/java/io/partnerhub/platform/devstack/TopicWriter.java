package io.partnerhub.platform.devstack;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records to the test broker as other services and integrators do: structured CloudEvents, acked one by one. */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    private TopicWriter(KafkaProducer<String, String> producer) {
        this.producer = producer;
    }

    public static TopicWriter open(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new TopicWriter(new KafkaProducer<>(props));
    }

    /** Sends one record with {@code content-type: application/cloudevents+json} and waits for the broker's ack. */
    public void send(String topic, String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not take the record", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
