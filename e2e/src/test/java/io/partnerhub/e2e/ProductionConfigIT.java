package io.partnerhub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partnerhub.platform.devstack.Ports;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Production configuration (issue 15, done-when 3). customers-service's production jar, started in the prod profile
 * with a clean environment that lacks one required variable, stops at start with a non-zero exit and a message naming
 * that variable, for each of its required variables. No devstack: the other variables point at addresses nothing
 * listens on, so nothing but the missing variable can stop it this early. And, for all five applications, the
 * configuration files as Quarkus resolves them in the prod profile: the required variables are the documented ones,
 * and no local address applies.
 */
class ProductionConfigIT {

    private static final Path ROOT = Path.of(System.getProperty("partnerhub.root", "..")).toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("customers-service/target/quarkus-app/quarkus-run.jar");
    private static final Path SHARED = ROOT.resolve("platform/runtime/src/main/resources/META-INF/microprofile-config.properties");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** {@code %prod.<property>=${VARIABLE}}: a setting production must get from its variable (no default). */
    private static final Pattern REQUIRED = Pattern.compile("^%prod\\.([^=\\s]+)=\\$\\{([A-Z0-9_]+)}$", Pattern.MULTILINE);

    private static final List<String> SERVICE_VARIABLES = List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_OIDC_AUTH_SERVER_URL");

    /** customers-service's required variables (docs/configuration.md), with values that reach nothing. */
    private static Map<String, String> customersServiceEnvironment() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:9/customers");
        variables.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:9/customers");
        variables.put("QUARKUS_DATASOURCE_USERNAME", "customers");
        variables.put("QUARKUS_DATASOURCE_PASSWORD", "not-a-real-password");
        variables.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9");
        variables.put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:9/realms/partner-hub");
        variables.put("QUARKUS_KEYCLOAK_ADMIN_CLIENT_SERVER_URL", "http://127.0.0.1:9");
        variables.put("QUARKUS_KEYCLOAK_ADMIN_CLIENT_CLIENT_SECRET", "not-a-real-secret");
        variables.put("PARTNERHUB_LAUNCH_SIGNING_KEY", "0123456789abcdef0123456789abcdef");
        return variables;
    }

    @Test
    void withoutEachRequiredVariableCustomersServiceRefusesToStartNamingIt() throws Exception {
        assertTrue(Files.exists(JAR), JAR + " is missing: package the services first");
        assertEquals(new TreeSet<>(requiredVariables("customers-service").values()),
                new TreeSet<>(customersServiceEnvironment().keySet()));
        List<String> failures = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        requiredVariables("customers-service").forEach((property, variable) -> properties.put(variable, property));
        for (String missing : customersServiceEnvironment().keySet()) {
            Map<String, String> environment = customersServiceEnvironment();
            environment.remove(missing);
            Run run = start(environment, "without-" + missing);
            if (run.exitCode() == 0) {
                failures.add(missing + ": exit code 0");
            }
            // exactly this one is named
            String expected = "Required configuration is missing (profile prod); set these environment variables: "
                    + missing + " (" + properties.get(missing) + "). See docs/configuration.md.";
            if (!run.output().contains(expected)) {
                failures.add(missing + ": no \"" + expected + "\" in the output:\n" + run.output());
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everyApplicationRequiresItsDocumentedVariablesAndNoLocalAddressAppliesInProduction() throws IOException {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        List<String> customers = new ArrayList<>(SERVICE_VARIABLES);
        customers.addAll(List.of("PARTNERHUB_LAUNCH_SIGNING_KEY", "QUARKUS_KEYCLOAK_ADMIN_CLIENT_CLIENT_SECRET",
                "QUARKUS_KEYCLOAK_ADMIN_CLIENT_SERVER_URL"));
        expected.put("customers-service", customers);
        expected.put("subscriptions-service", SERVICE_VARIABLES);
        expected.put("analytics-service", SERVICE_VARIABLES);
        expected.put("calling-metrics-service", SERVICE_VARIABLES);
        List<String> gateway = new ArrayList<>(List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_OIDC_AUTH_SERVER_URL"));
        for (String service : List.of("ANALYTICS", "CALLING_METRICS", "CUSTOMERS", "SUBSCRIPTIONS")) {
            gateway.add("PARTNERHUB_GATEWAY_HEALTH_SERVICES_" + service);
            gateway.add("PARTNERHUB_GATEWAY_SERVICES_" + service);
        }
        expected.put("gateway", gateway);

        for (Map.Entry<String, List<String>> app : expected.entrySet()) {
            Map<String, String> required = requiredVariables(app.getKey());
            assertEquals(new TreeSet<>(app.getValue()), new TreeSet<>(required.values()), app.getKey());

            Map<String, String> environment = new LinkedHashMap<>();
            required.values().forEach(variable -> environment.put(variable, "set-by-the-operator"));
            SmallRyeConfig config = config(app.getKey(), environment);
            required.forEach((property, variable) ->
                    assertEquals("set-by-the-operator", config.getValue(property, String.class), app.getKey() + " " + property));
            for (String name : config.getPropertyNames()) {
                if (name.startsWith("%")) {
                    continue; // another profile's
                }
                config.getOptionalValue(name, String.class).ifPresent(value -> assertFalse(
                        value.contains("127.0.0.1") || value.contains("localhost"), app.getKey() + ": " + name + "=" + value));
            }
        }
    }

    /** property -> variable, from the application's {@code %prod.x=${VARIABLE}} lines (and the services' shared ones). */
    private static Map<String, String> requiredVariables(String app) throws IOException {
        Map<String, String> required = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        if (!app.equals("gateway")) {
            files.add(SHARED);
        }
        files.add(applicationProperties(app));
        for (Path file : files) {
            Matcher matcher = REQUIRED.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (matcher.find()) {
                required.put(matcher.group(1), matcher.group(2));
            }
        }
        return required;
    }

    private static Path applicationProperties(String app) {
        return ROOT.resolve(app).resolve("src/main/resources/application.properties");
    }

    /** The application's configuration files in the prod profile, as in its jar, with this environment. */
    private static SmallRyeConfig config(String app, Map<String, String> environment) throws IOException {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile("prod")
                .withDefaultValue("quarkus.application.version", "0.1.0-SNAPSHOT") // set by Quarkus at build
                .withSources(new PropertiesConfigSource(applicationProperties(app).toUri().toURL(), 250))
                .withSources(new EnvConfigSource(environment, 300));
        if (!app.equals("gateway")) {
            builder.withSources(new PropertiesConfigSource(SHARED.toUri().toURL(), 100));
        }
        return builder.build();
    }

    private record Run(int exitCode, String output) {
    }

    /** Starts the jar in the prod profile with exactly {@code environment}; waits for it to exit (killed on timeout). */
    private static Run start(Map<String, String> environment, String name) throws IOException, InterruptedException {
        Path log = ROOT.resolve("e2e/target/production-config/" + name + ".log");
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        // never on the documented ports (a local run may hold them), and only on loopback
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(Ports.free()));
        builder.environment().put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(Ports.free()));
        Process process = builder.start();
        try {
            Awaitility.await(name).atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> !process.isAlive());
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(name + ": still running after " + DEADLINE + "; see " + log, e);
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
