package io.partnerhub.platform.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partnerhub.platform.core.config.RequiredSettings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The services' shared defaults (this module's {@code META-INF/microprofile-config.properties}) as SmallRye Config
 * resolves them: in the prod profile every connection setting comes from its environment variable, and without it the
 * start check ({@link RequiredSettings}) stops the start naming the variable; the local values apply in the dev and
 * test profiles only.
 */
class ProductionConfigTest {

    /** property -> the environment variable production needs for it */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL");
        REQUIRED.put("quarkus.datasource.reactive.url", "QUARKUS_DATASOURCE_REACTIVE_URL");
        REQUIRED.put("quarkus.datasource.username", "QUARKUS_DATASOURCE_USERNAME");
        REQUIRED.put("quarkus.datasource.password", "QUARKUS_DATASOURCE_PASSWORD");
        REQUIRED.put("kafka.bootstrap.servers", "KAFKA_BOOTSTRAP_SERVERS");
        REQUIRED.put("quarkus.oidc.auth-server-url", "QUARKUS_OIDC_AUTH_SERVER_URL");
    }

    private static SmallRyeConfig config(String profile, Map<String, String> environment) throws IOException {
        Path shared = Path.of("src/main/resources/META-INF/microprofile-config.properties");
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile(profile)
                // set by Quarkus from the project version
                .withDefaultValue("quarkus.application.version", "0.1.0-SNAPSHOT")
                .withSources(new PropertiesConfigSource(shared.toUri().toURL(), 100))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
    }

    /** As an application builds it: with the start check of platform/core. */
    private static SmallRyeConfig checked(String profile, Map<String, String> environment) {
        try {
            Path shared = Path.of("src/main/resources/META-INF/microprofile-config.properties");
            return new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .withProfile(profile)
                    .withDefaultValue("quarkus.application.version", "0.1.0-SNAPSHOT")
                    .withSources(new PropertiesConfigSource(shared.toUri().toURL(), 100))
                    .withSources(new EnvConfigSource(environment, 300))
                    .withSources(new RequiredSettings())
                    .build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> environmentWithout(String missing) {
        Map<String, String> environment = new LinkedHashMap<>();
        REQUIRED.values().stream().filter(name -> !name.equals(missing)).forEach(name -> environment.put(name, "from-" + name));
        return environment;
    }

    @Test
    void inProductionEachRequiredSettingWithoutItsVariableStopsTheStartNamingTheVariable() {
        for (Map.Entry<String, String> required : REQUIRED.entrySet()) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> checked("prod", environmentWithout(required.getValue())), required.getValue());
            assertEquals("Required configuration is missing (profile prod); set these environment variables: "
                    + required.getValue() + " (" + required.getKey() + "). See docs/configuration.md.", failure.getMessage());
        }
    }

    @Test
    void withoutAnyAllAreNamedAtOnce() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> checked("prod", Map.of()));
        assertEquals("Required configuration is missing (profile prod); set these environment variables: "
                + "KAFKA_BOOTSTRAP_SERVERS (kafka.bootstrap.servers), QUARKUS_DATASOURCE_JDBC_URL (quarkus.datasource.jdbc.url), "
                + "QUARKUS_DATASOURCE_PASSWORD (quarkus.datasource.password), QUARKUS_DATASOURCE_REACTIVE_URL (quarkus.datasource.reactive.url), "
                + "QUARKUS_DATASOURCE_USERNAME (quarkus.datasource.username), QUARKUS_OIDC_AUTH_SERVER_URL (quarkus.oidc.auth-server-url). "
                + "See docs/configuration.md.", failure.getMessage());
        // dev and test have their local values and are not checked
        checked("dev", Map.of());
        checked("test", Map.of());
    }

    @Test
    void inProductionTheValuesComeFromTheEnvironment() throws IOException {
        SmallRyeConfig config = config("prod", environmentWithout("none"));
        REQUIRED.forEach((property, variable) -> assertEquals("from-" + variable, config.getValue(property, String.class)));
    }

    @Test
    void noLocalAddressAppliesInProduction() throws IOException {
        SmallRyeConfig config = config("prod", environmentWithout("none"));
        // names of the other profiles' settings (%dev.…) are listed as they are: not what production reads
        StreamSupport.stream(config.getPropertyNames().spliterator(), false).filter(name -> !name.startsWith("%")).forEach(name -> {
            Optional<String> value = config.getOptionalValue(name, String.class);
            value.ifPresent(v -> assertFalse(v.contains("127.0.0.1") || v.contains("localhost"), name + "=" + v));
        });
    }

    @Test
    void theLocalValuesApplyInDevAndTest() throws IOException {
        for (String profile : new String[] {"dev", "test"}) {
            SmallRyeConfig config = config(profile, Map.of());
            assertEquals("127.0.0.1:19092", config.getValue("kafka.bootstrap.servers", String.class), profile);
            assertEquals("postgres", config.getValue("quarkus.datasource.username", String.class), profile);
            assertEquals("0s", config.getValue("quarkus.shutdown.delay", String.class), profile);
        }
        assertEquals("http://127.0.0.1:18080/realms/partner-hub",
                config("dev", Map.of()).getValue("quarkus.oidc.auth-server-url", String.class));
    }

    @Test
    void productionShutsDownGracefully() throws IOException {
        SmallRyeConfig config = config("prod", environmentWithout("none"));
        assertTrue(config.getValue("quarkus.shutdown.delay-enabled", Boolean.class));
        assertEquals("5s", config.getValue("quarkus.shutdown.delay", String.class));
        assertEquals("10s", config.getValue("quarkus.shutdown.timeout", String.class));
    }
}
