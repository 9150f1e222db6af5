package io.partnerhub.platform.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Global Quarkus test resource: real PostgreSQL and a real Kafka broker, started once per test JVM
 * (however many test classes and profiles run), plus the key that signs test tokens.
 * Init arg {@code database} names the service's database.
 * Tests reach the same servers through {@link #postgres()} and {@link #kafka()} (fault tests stop and start
 * the broker).
 */
public class DevstackTestResource implements QuarkusTestResourceLifecycleManager {

    private static Postgres postgres;
    private static Kafka kafka;

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        try {
            startServers();
            postgres.createDatabases(List.of(database));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        config.put("quarkus.datasource.username", Postgres.USER);
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.oidc.public-key", TestTokens.publicKeyBase64());
        config.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
        return config;
    }

    public static synchronized Postgres postgres() {
        return postgres;
    }

    public static synchronized Kafka kafka() {
        return kafka;
    }

    private static synchronized void startServers() throws IOException {
        if (postgres != null) {
            return;
        }
        Path root = Path.of("target", "devstack-test").toAbsolutePath();
        Path run = root.resolve("run-" + ProcessHandle.current().pid());
        Files.createDirectories(run);
        postgres = Postgres.start(root.resolve("pg-work"), run.resolve("pg-data"), 0);
        kafka = Kafka.start(run.resolve("kafka"), 0, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
                postgres.close();
                Directories.delete(run);
            } catch (Exception e) {
                // the JVM is ending; the next run starts in a fresh directory
            }
        }, "devstack-stop"));
    }

    @Override
    public void stop() {
        // Servers live as long as the test JVM: other test classes use them too.
    }
}
