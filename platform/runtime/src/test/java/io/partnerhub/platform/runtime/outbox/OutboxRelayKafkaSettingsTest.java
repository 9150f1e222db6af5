package io.partnerhub.platform.runtime.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The relay's producer connects as every other Kafka client of the service: the {@code KAFKA_*} security settings reach it. */
class OutboxRelayKafkaSettingsTest {

    @Test
    void saslAndTlsSettingsFromTheEnvironmentReachTheRelaysProducer() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"customers-service\" password=\"s3cret\";";
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new EnvConfigSource(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", "partnerhub-kafka-kafka-bootstrap:9093",
                        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                        "KAFKA_SASL_JAAS_CONFIG", jaas,
                        "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                        "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/partnerhub/kafka-ca/ca.crt"), 300))
                // a consumer behaviour setting of the service is not a connection setting
                .withDefaultValue("kafka.auto.offset.reset", "earliest")
                .build();

        Properties producer = OutboxRelay.producerConfig(OutboxRelay.kafkaSettings(config));

        assertEquals("partnerhub-kafka-kafka-bootstrap:9093", producer.get("bootstrap.servers"));
        assertEquals("SASL_SSL", producer.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", producer.get("sasl.mechanism"));
        assertEquals(jaas, producer.get("sasl.jaas.config"));
        assertEquals("PEM", producer.get("ssl.truststore.type"));
        assertEquals("/etc/partnerhub/kafka-ca/ca.crt", producer.get("ssl.truststore.location"));
        assertEquals(null, producer.get("auto.offset.reset"));
        // the relay's own delivery guarantees stay
        assertEquals("all", producer.get("acks"));
        assertEquals("true", producer.get("enable.idempotence"));
        assertEquals("outbox-relay", producer.get("client.id"));
        assertEquals(17, producer.size());
    }

    @Test
    void withoutSecuritySettingsTheProducerConnectsInPlainText() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withDefaultValue("kafka.bootstrap.servers", "127.0.0.1:19092")
                .build();

        Properties producer = OutboxRelay.producerConfig(OutboxRelay.kafkaSettings(config));

        assertEquals("127.0.0.1:19092", producer.get("bootstrap.servers"));
        assertEquals(null, producer.get("security.protocol"));
        assertEquals(12, producer.size());
    }
}
