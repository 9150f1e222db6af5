package io.partnerhub.platform.core.revocation;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.Optional;

/**
 * The Kafka connection settings an application already has, as its {@code kafka.*} configuration (what Quarkus'
 * Kafka extension and the outbox relay read): {@code bootstrap.servers} and the connection's security
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, {@code client.dns.lookup}). Consumer behaviour settings of
 * the application are left out on purpose.
 */
public final class KafkaClientSettings {

    /** The settings looked up by name (environment variables such as {@code KAFKA_SASL_JAAS_CONFIG} resolve to these). */
    public static final String[] KNOWN = {
            "bootstrap.servers", "security.protocol", "client.dns.lookup",
            "sasl.mechanism", "sasl.jaas.config", "sasl.client.callback.handler.class", "sasl.login.callback.handler.class",
            "sasl.oauthbearer.token.endpoint.url", "sasl.kerberos.service.name",
            "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type", "ssl.truststore.certificates",
            "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type", "ssl.key.password",
            "ssl.keystore.certificate.chain", "ssl.keystore.key", "ssl.endpoint.identification.algorithm"};

    private KafkaClientSettings() {
    }

    /**
     * @param propertyNames every configuration property name the application has (those under {@code kafka.} count)
     * @param value         the value of a configuration property, if set
     */
    public static Map<String, String> of(Iterable<String> propertyNames, Function<String, Optional<String>> value) {
        Map<String, String> settings = new TreeMap<>();
        for (String known : KNOWN) {
            value.apply("kafka." + known).filter(v -> !v.isBlank()).ifPresent(v -> settings.put(known, v));
        }
        for (String name : propertyNames) {
            if (name.startsWith("kafka.")) {
                String key = name.substring("kafka.".length());
                if (connection(key) && !settings.containsKey(key)) {
                    value.apply(name).filter(v -> !v.isBlank()).ifPresent(v -> settings.put(key, v));
                }
            }
        }
        if (!settings.containsKey("bootstrap.servers")) {
            throw new IllegalStateException("kafka.bootstrap.servers is not set");
        }
        return settings;
    }

    static boolean connection(String key) {
        return key.equals("bootstrap.servers") || key.equals("security.protocol") || key.equals("client.dns.lookup")
                || key.startsWith("sasl.") || key.startsWith("ssl.");
    }
}
