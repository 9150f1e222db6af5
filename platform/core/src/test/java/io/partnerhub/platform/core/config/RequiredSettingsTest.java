package io.partnerhub.platform.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RequiredSettings} on a real SmallRye configuration, as the applications build theirs. */
class RequiredSettingsTest {

    private static final Map<String, String> FILE = Map.of(
            "%prod.kafka.bootstrap.servers", "${KAFKA_BOOTSTRAP_SERVERS}",
            "%dev,test.kafka.bootstrap.servers", "127.0.0.1:19092",
            "%prod.quarkus.datasource.jdbc.url", "${QUARKUS_DATASOURCE_JDBC_URL}",
            "%dev,test.quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:15432/customers",
            "%prod.partnerhub.launch.signing-key", "${PARTNERHUB_LAUNCH_SIGNING_KEY}",
            // an optional setting with a default, and a reference to another property: not required
            "partnerhub.gateway.public-base-url", "${PARTNERHUB_PUBLIC_URL:}",
            "partnerhub.gateway.health.identity-provider-url", "${quarkus.oidc.auth-server-url:}",
            "partnerhub.launch.lifetime", "PT5M");

    private static SmallRyeConfig build(String profile, Map<String, String> environment, Map<String, String> systemProperties) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(FILE, "application.properties", 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withSources(new PropertiesConfigSource(systemProperties, "system properties", 400))
                .withSources(new RequiredSettings())
                .build();
    }

    @Test
    void inProductionEveryMissingVariableIsNamedAtOnce() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> build("prod", Map.of(), Map.of()));
        assertEquals("Required configuration is missing (profile prod); set these environment variables: "
                + "KAFKA_BOOTSTRAP_SERVERS (kafka.bootstrap.servers), PARTNERHUB_LAUNCH_SIGNING_KEY (partnerhub.launch.signing-key), "
                + "QUARKUS_DATASOURCE_JDBC_URL (quarkus.datasource.jdbc.url). See docs/configuration.md.", failure.getMessage());
    }

    @Test
    void eachMissingVariableAloneIsNamed() {
        Map<String, String> all = Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9093",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db:5432/customers", "PARTNERHUB_LAUNCH_SIGNING_KEY", "k".repeat(32));
        Map<String, String> properties = Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrap.servers",
                "QUARKUS_DATASOURCE_JDBC_URL", "quarkus.datasource.jdbc.url", "PARTNERHUB_LAUNCH_SIGNING_KEY", "partnerhub.launch.signing-key");
        for (String missing : all.keySet()) {
            Map<String, String> environment = new java.util.HashMap<>(all);
            environment.remove(missing);
            IllegalStateException failure = assertThrows(IllegalStateException.class, () -> build("prod", environment, Map.of()));
            assertEquals("Required configuration is missing (profile prod); set these environment variables: "
                    + missing + " (" + properties.get(missing) + "). See docs/configuration.md.", failure.getMessage());
        }
    }

    @Test
    void withEveryVariableProductionStartsWithTheirValues() {
        SmallRyeConfig config = build("prod", Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9093",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db:5432/customers", "PARTNERHUB_LAUNCH_SIGNING_KEY", "k".repeat(32)), Map.of());
        assertEquals("kafka:9093", config.getValue("kafka.bootstrap.servers", String.class));
        assertEquals("jdbc:postgresql://db:5432/customers", config.getValue("quarkus.datasource.jdbc.url", String.class));
        assertEquals("k".repeat(32), config.getValue("partnerhub.launch.signing-key", String.class));
        assertEquals(java.util.Optional.empty(), config.getOptionalValue("partnerhub.gateway.public-base-url", String.class));
    }

    @Test
    void aSettingGivenUnderItsPropertyNameCounts() {
        SmallRyeConfig config = build("prod", Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db:5432/customers",
                "PARTNERHUB_LAUNCH_SIGNING_KEY", "k".repeat(32)), Map.of("kafka.bootstrap.servers", "kafka:9093"));
        assertEquals("kafka:9093", config.getValue("kafka.bootstrap.servers", String.class));
    }

    @Test
    void devAndTestAreNotChecked() {
        for (String profile : List.of("dev", "test")) {
            SmallRyeConfig config = build(profile, Map.of(), Map.of());
            assertEquals("127.0.0.1:19092", config.getValue("kafka.bootstrap.servers", String.class));
        }
    }

    @Test
    void aProfiledNameSetsItsPropertyInItsProfilesOnly() {
        assertEquals("kafka.bootstrap.servers", RequiredSettings.activeProperty("%prod.kafka.bootstrap.servers", List.of("prod")));
        assertEquals("kafka.bootstrap.servers", RequiredSettings.activeProperty("%dev,prod.kafka.bootstrap.servers", List.of("prod")));
        assertNull(RequiredSettings.activeProperty("%dev,test.kafka.bootstrap.servers", List.of("prod")));
        assertEquals("kafka.bootstrap.servers", RequiredSettings.activeProperty("kafka.bootstrap.servers", List.of("prod")));
    }
}
