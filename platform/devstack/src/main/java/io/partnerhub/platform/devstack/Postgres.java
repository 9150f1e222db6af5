package io.partnerhub.platform.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A real PostgreSQL server on loopback, one database per service. */
public final class Postgres implements AutoCloseable {

    public static final String USER = "postgres";
    /** Any password: the local server trusts connections from loopback; production needs one, so the local run sends one. */
    public static final String PASSWORD = "postgres";

    private EmbeddedPostgres server;
    private final Path workDir;
    private final Path dataDir;
    private final Map<String, String> settings;

    private Postgres(EmbeddedPostgres server, Path workDir, Path dataDir, Map<String, String> settings) {
        this.server = server;
        this.workDir = workDir;
        this.dataDir = dataDir;
        this.settings = settings;
    }

    /**
     * Starts a server on {@code port} (0 = any free port) with its data in {@code dataDir}. Existing data is
     * kept, so a second start finds the first one's databases.
     */
    public static Postgres start(Path workDir, Path dataDir, int port) throws IOException {
        return start(workDir, dataDir, port, Map.of());
    }

    /**
     * As {@link #start(Path, Path, int)}, with more server settings (a benchmark loads {@code pg_stat_statements}
     * through {@code shared_preload_libraries}).
     */
    public static Postgres start(Path workDir, Path dataDir, int port, Map<String, String> settings) throws IOException {
        Files.createDirectories(workDir);
        Files.createDirectories(dataDir.getParent());
        stopStalePostmaster(dataDir);
        return new Postgres(builder(workDir, dataDir, port, settings).start(), workDir, dataDir, Map.copyOf(settings));
    }

    private static EmbeddedPostgres.Builder builder(Path workDir, Path dataDir, int port, Map<String, String> settings) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(workDir.toFile())
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // whoever started the server stops it, in order (applications first)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off");
        settings.forEach(builder::setServerConfig);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder;
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}: open connections are cut, sessions end) — a database outage for
     * fault tests; {@link #startServer()} starts it again on the same port and data.
     */
    public synchronized void stopServer() throws IOException {
        if (server != null) {
            port = server.getPort();
            server.close();
            server = null;
        }
    }

    /** Starts the server stopped by {@link #stopServer()} again, on the same port with the same data. */
    public synchronized void startServer() throws IOException {
        if (server == null) {
            server = builder(workDir, dataDir, port, settings).start();
        }
    }

    private int port;

    public synchronized int port() {
        return server == null ? port : server.getPort();
    }

    /**
     * CPU time used so far by the server's processes alive now (the postmaster and its backends, from the pid in
     * {@code postmaster.pid}): what a benchmark charges to the database. Zero when the server is stopped.
     */
    public Duration cpu() {
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return Duration.ZERO;
        }
        return ProcessHandle.of(postmaster).map(server -> java.util.stream.Stream.concat(java.util.stream.Stream.of(server), server.descendants())
                        .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                        .reduce(Duration.ZERO, Duration::plus))
                .orElse(Duration.ZERO);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates each database that does not exist yet. */
    public void createDatabases(List<String> names) throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            for (String name : names) {
                if (!name.matches("[a-z_]+")) {
                    throw new IllegalArgumentException("database name " + name);
                }
                try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                    if (rs.next()) {
                        continue;
                    }
                }
                statement.execute("create database " + name);
            }
        }
    }

    /** Drops and re-creates a database: tests that need an empty one. */
    public void recreateDatabase(String name) throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** A killed parent leaves its postmaster running on our data directory: stop it before starting. */
    private static void stopStalePostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> stale = ProcessHandle.of(pid);
        if (stale.isPresent() && stale.get().info().command().map(c -> c.contains("postgres")).orElse(false)) {
            stale.get().destroy();
            try {
                stale.get().onExit().get(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                stale.get().destroyForcibly();
            }
        }
    }
}
