package io.partnerhub.platform.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system on one machine: PostgreSQL, Kafka, Keycloak and the five applications as production
 * jars. Used by the local run ({@code ./partnerhub up}) and by the end-to-end tests.
 */
public final class SystemLauncher implements AutoCloseable {

    /**
     * An application of the reactor: its module folder, its database (none for the gateway), its local API port and
     * the local port of its management interface (health, metrics).
     */
    public record App(String name, String database, int localPort, int localManagementPort) {
    }

    public static final List<App> APPS = List.of(
            new App("customers-service", "customers", 8081, 9081),
            new App("subscriptions-service", "subscriptions", 8082, 9082),
            new App("analytics-service", "analytics", 8083, 9083),
            new App("calling-metrics-service", "calling_metrics", 8084, 9084),
            new App("gateway", null, 8080, 9080));

    /** Every application listens on this address only (API and management ports): nothing is reachable from outside. */
    public static final String BIND_HOST = "127.0.0.1";

    /** The browser origin of a locally served web app (a Vite dev server), allowed by the gateway's CORS. */
    public static final String LOCAL_WEB_ORIGIN = "http://localhost:5173";

    /** Secrets made on first start and kept in the state folder, never in the repository. */
    public static final List<String> SECRETS = List.of(
            "PARTNERHUB_KEYCLOAK_ADMIN_PASSWORD",
            "PARTNERHUB_DEMO_PASSWORD",
            "PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET",
            "PARTNERHUB_ACME_USAGE_INGEST_SECRET",
            "PARTNERHUB_GLOBEX_ORDER_INTEGRATOR_SECRET",
            "PARTNERHUB_GLOBEX_USAGE_INGEST_SECRET",
            "PARTNERHUB_CUSTOMERS_SERVICE_SECRET");

    /**
     * The key customers-service signs launch links with: required in production, the same for every instance (a link
     * made by one is opened through another). Made on first start and kept with the secrets (not a realm placeholder).
     */
    public static final String LAUNCH_SIGNING_KEY = "PARTNERHUB_LAUNCH_SIGNING_KEY";

    /** How the local run and the tests start the applications: small heaps and C1 only, for a fast start. */
    public static final List<String> LOCAL_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /**
     * Production's JVM settings, as the JVM in a pod of {@code deploy/kubernetes/base} ends up with them: the image's
     * start script ({@code run-java.sh} of the UBI OpenJDK 17 runtime image) puts its defaults first (Parallel GC with
     * heap free ratios that give memory back, {@code -XX:MaxRAMPercentage=80.0}, exit on out-of-memory), then the
     * image's own {@code -XX:MaxRAMPercentage=50}; full tiered JIT. {@code -XX:MaxRAM=768m} stands for the pod's memory
     * limit (768 MiB), which a container-aware JVM reads from its cgroup: on a host without one it would size the heap
     * from the host's memory instead (18 GB on a 24 GB machine, and an RSS that follows it). Benchmarks start the
     * applications with these.
     */
    public static final List<String> PRODUCTION_JVM = List.of(
            "-XX:MaxRAMPercentage=80.0", "-XX:+UseParallelGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20",
            "-XX:GCTimeRatio=4", "-XX:AdaptiveSizePolicyWeight=90", "-XX:+ExitOnOutOfMemoryError",
            "-XX:MaxRAMPercentage=50", "-XX:MaxRAM=768m");

    /**
     * @param root       the project root (holds the modules and {@code deploy/})
     * @param state      where data, logs and secrets live
     * @param fixedPorts the documented local ports, or free ports (tests)
     */
    public record Layout(Path root, Path state, boolean fixedPorts) {
    }

    private final Layout layout;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final Map<String, List<Instance>> instances = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private String launchSigningKey;
    private final Map<String, String> tracing = new LinkedHashMap<>();
    private List<String> jvmOptions = LOCAL_JVM;
    private boolean kafkaInOwnProcess;
    private Postgres postgres;
    private Kafka kafka;
    private Keycloak keycloak;
    private Keycloak.Settings keycloakSettings;

    public SystemLauncher(Layout layout) {
        this.layout = layout;
    }

    /**
     * Tracing settings every application gets, as {@code QUARKUS_OTEL_*} environment variables (the switch
     * {@code QUARKUS_OTEL_SDK_DISABLED=false}, the OTLP endpoint, ...); call before {@link #start()}. Without them
     * tracing is off, unless the caller's own environment turns it on (the applications inherit it).
     */
    public SystemLauncher withTracing(Map<String, String> otelVariables) {
        otelVariables.forEach((name, value) -> {
            if (!name.startsWith("QUARKUS_OTEL_")) {
                throw new IllegalArgumentException("not a tracing setting: " + name);
            }
            tracing.put(name, value);
        });
        return this;
    }

    /**
     * The JVM options every application is started with (instead of {@link #LOCAL_JVM}), e.g. {@link #PRODUCTION_JVM}
     * plus a flight recording; call before {@link #start()}. {@code {instance}} in an option becomes the instance's
     * name (e.g. {@code -XX:StartFlightRecording=filename=/tmp/{instance}.jfr}).
     */
    public SystemLauncher withJvmOptions(List<String> options) {
        jvmOptions = List.copyOf(options);
        return this;
    }

    /** The JVM options the applications run with. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /**
     * Runs the Kafka broker in a JVM of its own rather than in this one, so that {@code kafka().kill()} can SIGKILL it
     * (fault tests); call before {@link #start()}.
     */
    public SystemLauncher withKafkaInOwnProcess() {
        kafkaInOwnProcess = true;
        return this;
    }

    /** Starts everything; when any part fails, what was already started is stopped again. */
    public SystemLauncher start() throws IOException, SQLException {
        try {
            return startAll();
        } catch (IOException | SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private SystemLauncher startAll() throws IOException, SQLException {
        Files.createDirectories(layout.state().resolve("logs"));
        loadSecrets();
        postgres = Postgres.start(layout.root().resolve("platform/devstack/target/pg-work"),
                layout.state().resolve("postgres"), layout.fixedPorts() ? 15432 : 0);
        List<String> databases = new ArrayList<>(APPS.stream().map(App::database).filter(d -> d != null).toList());
        databases.add("keycloak");
        postgres.createDatabases(databases);
        Path realm = layout.root().resolve("deploy/keycloak/partner-hub-realm.json");
        resetKeycloakWhenRealmChanged(realm);
        kafka = kafkaInOwnProcess
                ? Kafka.startProcess(layout.state().resolve("kafka"), layout.fixedPorts() ? 19092 : 0, layout.fixedPorts() ? 19093 : 0,
                        layout.state().resolve("logs/kafka.log"))
                : Kafka.start(layout.state().resolve("kafka"), layout.fixedPorts() ? 19092 : 0, layout.fixedPorts() ? 19093 : 0);
        int keycloakPort = layout.fixedPorts() ? 18080 : Ports.free();
        keycloakSettings = new Keycloak.Settings(
                layout.root().resolve("platform/devstack/target/keycloak/keycloak-" + keycloakVersion()),
                realm, keycloakPort, layout.fixedPorts() ? 19000 : Ports.free(), postgres.jdbcUrl("keycloak"),
                Postgres.USER, "admin", secrets.get("PARTNERHUB_KEYCLOAK_ADMIN_PASSWORD"),
                layout.state().resolve("logs/keycloak.log"), secrets);
        keycloak = Keycloak.start(keycloakSettings);
        for (App app : APPS) {
            ports.put(app.name(), layout.fixedPorts() ? app.localPort() : Ports.free());
            managementPorts.put(app.name(), layout.fixedPorts() ? app.localManagementPort() : Ports.free());
        }
        for (App app : APPS) {
            Instance first = launch(app, 1, ports.get(app.name()), managementPorts.get(app.name()), Map.of());
            instances.put(app.name(), new ArrayList<>(List.of(first)));
        }
        for (App app : APPS) {
            awaitReady(instances.get(app.name()).get(0), Duration.ofMinutes(3));
        }
        return this;
    }

    /**
     * A running process of an application. Number 1 of each is started by {@link #start()} on the application's
     * ports (the gateway routes to it); more are started by {@link #launchInstance} on free ports, against the same
     * database and Kafka, in the same consumer groups. Its JDBC connections carry the {@link #name()} as their
     * {@code ApplicationName} (pg_stat_activity's {@code application_name}), so a test can tell which process holds a
     * database lock.
     */
    public record Instance(String app, int number, int port, int managementPort, Process process) {

        public String name() {
            return app + "-" + number;
        }

        public String url() {
            return "http://" + BIND_HOST + ":" + port;
        }

        public String managementUrl() {
            return "http://" + BIND_HOST + ":" + managementPort;
        }
    }

    /** The running instances of an application, first one first. */
    public synchronized List<Instance> instances(String app) {
        return List.copyOf(instances.getOrDefault(app, List.of()));
    }

    /**
     * Starts one more instance of an application (not the gateway) on free ports, with {@code env} on top of the
     * usual environment; {@link #awaitReady(Instance)} waits for it.
     */
    public synchronized Instance launchInstance(String app, Map<String, String> env) throws IOException {
        App known = app(app);
        if (known.database() == null) {
            throw new IllegalArgumentException("the gateway runs once: " + app);
        }
        List<Instance> running = instances.get(app);
        int number = running.stream().mapToInt(Instance::number).max().orElse(0) + 1;
        Instance instance = launch(known, number, Ports.free(), Ports.free(), env);
        running.add(instance);
        return instance;
    }

    /** Waits until the instance answers ready on its management interface. */
    public void awaitReady(Instance instance) throws IOException {
        awaitReady(instance, Duration.ofMinutes(3));
    }

    /**
     * Stops the instance (gracefully, when it still runs) and starts it again on the same ports with {@code env} on
     * top of the usual environment; returns when it is ready.
     */
    public Instance restartInstance(Instance instance, Map<String, String> env) throws IOException {
        Instance again;
        synchronized (this) {
            Processes.stop(instance.process(), Duration.ofSeconds(20));
            again = launch(app(instance.app()), instance.number(), instance.port(), instance.managementPort(), env);
            List<Instance> running = instances.get(instance.app());
            running.set(running.indexOf(instance), again);
        }
        awaitReady(again);
        return again;
    }

    /** Stops an instance started by {@link #launchInstance} gracefully (SIGTERM, then SIGKILL after 20 s). */
    public void stopInstance(Instance instance) {
        if (instance.number() == 1) {
            throw new IllegalArgumentException("the first instance runs as long as the system: " + instance.name());
        }
        Processes.stop(instance.process(), Duration.ofSeconds(20));
        synchronized (this) {
            instances.get(instance.app()).remove(instance);
        }
    }

    private static App app(String name) {
        return APPS.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such application: " + name));
    }

    public String gatewayUrl() {
        return serviceUrl("gateway");
    }

    public String serviceUrl(String app) {
        return "http://" + BIND_HOST + ":" + ports.get(app);
    }

    /** The application's management interface: {@code /q/health/*} and {@code /q/metrics}. */
    public String managementUrl(String app) {
        return "http://" + BIND_HOST + ":" + managementPorts.get(app);
    }

    public Keycloak keycloak() {
        return keycloak;
    }

    /** Stops Keycloak (an outage of the identity provider); {@link #startKeycloak()} brings it back as it was. */
    public synchronized void stopKeycloak() {
        keycloak.close();
    }

    /** Starts Keycloak again on the same ports and database: its realm, users and signing keys are kept. */
    public synchronized void startKeycloak() throws IOException {
        keycloak = Keycloak.start(keycloakSettings);
    }

    public Kafka kafka() {
        return kafka;
    }

    public Postgres postgres() {
        return postgres;
    }

    public String secret(String name) {
        return name.equals(LAUNCH_SIGNING_KEY) ? launchSigningKey : secrets.get(name);
    }

    private Instance launch(App app, int number, int port, int managementPort, Map<String, String> extraEnv) throws IOException {
        Path jar = layout.root().resolve(app.name()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions.stream().map(option -> option.replace("{instance}", app.name() + "-" + number)).toList());
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(app.name(), number).toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_HOST", BIND_HOST);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_MANAGEMENT_HOST", BIND_HOST);
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.realmUrl());
        // stop at once: nothing routes around a local instance, so the production shutdown delay would only slow tests
        env.put("QUARKUS_SHUTDOWN_DELAY", "0s");
        // every application, the gateway included: it reads the admin events to refuse revoked tokens
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.putAll(tracing);
        if (app.name().equals("customers-service")) {
            // the admin directory reaches Keycloak's Admin REST API as client partner-hub-customers-service
            env.put("QUARKUS_KEYCLOAK_ADMIN_CLIENT_SERVER_URL", keycloak.url());
            env.put("QUARKUS_KEYCLOAK_ADMIN_CLIENT_CLIENT_SECRET", secrets.get("PARTNERHUB_CUSTOMERS_SERVICE_SECRET"));
            env.put(LAUNCH_SIGNING_KEY, launchSigningKey);
        }
        if (app.database() != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(app.database()) + "?ApplicationName=" + app.name() + "-" + number);
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(app.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", Postgres.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", Postgres.PASSWORD);
        } else {
            // the local web app's dev server may call the API from the browser
            env.put("PARTNERHUB_GATEWAY_CORS_ORIGINS", LOCAL_WEB_ORIGIN);
            for (App routed : APPS) {
                if (routed.database() != null) {
                    String key = routed.name().replace("-service", "").replace('-', '_').toUpperCase();
                    env.put("PARTNERHUB_GATEWAY_SERVICES_" + key, serviceUrl(routed.name()));
                    env.put("PARTNERHUB_GATEWAY_HEALTH_SERVICES_" + key, managementUrl(routed.name()));
                }
            }
        }
        env.putAll(extraEnv);
        return new Instance(app.name(), number, port, managementPort, builder.start());
    }

    /** Where the instance's output goes (appended, across restarts). */
    public Path logFile(Instance instance) {
        return log(instance.app(), instance.number());
    }

    /** The first instance logs to {@code logs/<app>.log}, the n-th to {@code logs/<app>-<n>.log}. */
    private Path log(String app, int number) {
        return layout.state().resolve("logs/" + app + (number == 1 ? "" : "-" + number) + ".log");
    }

    private void awaitReady(Instance instance, Duration timeout) throws IOException {
        Processes.awaitReady(instance.name(), instance.process(), instance.managementUrl() + "/q/health/ready", timeout,
                log(instance.app(), instance.number()));
    }

    private void loadSecrets() throws IOException {
        Path file = layout.state().resolve("secrets.env");
        Map<String, String> stored = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    stored.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (String name : SECRETS) {
            String value = secret(name, stored, random, 12);
            secrets.put(name, value);
            out.append(name).append('=').append(value).append('\n');
        }
        launchSigningKey = secret(LAUNCH_SIGNING_KEY, stored, random, 32);
        out.append(LAUNCH_SIGNING_KEY).append('=').append(launchSigningKey).append('\n');
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    /** The environment's value, else the stored one, else {@code bytes} random bytes in hex. */
    private static String secret(String name, Map<String, String> stored, SecureRandom random, int bytes) {
        String value = System.getenv(name) != null ? System.getenv(name) : stored.get(name);
        if (value == null) {
            byte[] made = new byte[bytes];
            random.nextBytes(made);
            value = HexFormat.of().formatHex(made);
        }
        return value;
    }

    /** Keycloak imports a realm only once: when the realm file changed, start its database afresh. */
    private void resetKeycloakWhenRealmChanged(Path realm) throws IOException, SQLException {
        String hash = sha256(Files.readAllBytes(realm)) + ":" + sha256(String.join(",", secrets.values()).getBytes(StandardCharsets.UTF_8));
        Path marker = layout.state().resolve("keycloak-realm.sha256");
        if (Files.exists(marker) && Files.readString(marker).equals(hash)) {
            return;
        }
        postgres.recreateDatabase("keycloak");
        Files.writeString(marker, hash);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String keycloakVersion() {
        String version = System.getProperty("partnerhub.keycloak.version");
        return version != null ? version : "26.5.6";
    }

    @Override
    public void close() {
        List<Process> all = new ArrayList<>();
        synchronized (this) {
            instances.values().forEach(list -> list.forEach(instance -> all.add(instance.process())));
            instances.clear();
        }
        Processes.stopAll(all, Duration.ofSeconds(20));
        if (keycloak != null) {
            keycloak.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                // stopping anyway
            }
        }
    }
}
