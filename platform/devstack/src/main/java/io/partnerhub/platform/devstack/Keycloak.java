package io.partnerhub.platform.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Keycloak server (the Quarkus distribution unpacked by this module's build) as a child process,
 * storing its data in the devstack PostgreSQL and importing realm {@code partner-hub} on first start.
 */
public final class Keycloak implements AutoCloseable {

    public static final String REALM = "partner-hub";

    private final Process process;
    private final int port;

    private Keycloak(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public record Settings(Path distribution, Path realmJson, int port, int managementPort, String jdbcUrl,
                           String dbUser, String adminUser, String adminPassword, Path log,
                           Map<String, String> environment) {
    }

    public static Keycloak start(Settings settings) throws IOException {
        Path kcSh = settings.distribution().resolve("bin/kc.sh");
        if (!Files.isExecutable(kcSh)) {
            throw new IOException("Keycloak distribution not found at " + settings.distribution()
                    + ": build platform/devstack first (./mvnw -pl platform/devstack package)");
        }
        Path importDir = settings.distribution().resolve("data/import");
        Files.createDirectories(importDir);
        Files.copy(settings.realmJson(), importDir.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);

        List<String> command = new ArrayList<>(List.of(kcSh.toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + settings.port(),
                "--http-management-port=" + settings.managementPort(),
                "--health-enabled=true",
                "--import-realm",
                "--cache=local",
                "--db=postgres",
                "--db-url=" + settings.jdbcUrl(),
                "--db-username=" + settings.dbUser(),
                "--db-password=",
                "--log-level=WARN"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.log().toFile()));
        Files.createDirectories(settings.log().getParent());
        Map<String, String> env = builder.environment();
        env.putAll(settings.environment());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", settings.adminUser());
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", settings.adminPassword());
        StringBuilder javaOpts = new StringBuilder("-XX:TieredStopAtLevel=1");
        newerJdk().ifPresent(jdk -> {
            env.put("JAVA_HOME", jdk.toString());
            javaOpts.append(" --add-opens=java.base/java.lang=ALL-UNNAMED");
        });
        env.put("JAVA_OPTS_APPEND", javaOpts.toString());
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        Keycloak keycloak = new Keycloak(builder.start(), settings.port());
        keycloak.awaitReady(settings.managementPort(), Duration.ofMinutes(4), settings.log());
        return keycloak;
    }

    public String realmUrl() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(int managementPort, Duration timeout, Path log) throws IOException {
        try {
            Processes.awaitReady("Keycloak", process, "http://127.0.0.1:" + managementPort + "/health/ready", timeout, log);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Keycloak 26 prefers Java 21+: use one when the machine has it, else the running JDK. */
    static Optional<Path> newerJdk() {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")))
                    .filter(d -> majorVersion(d) >= 21)
                    .max(Comparator.comparingInt(Keycloak::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path jdk) {
        try {
            Path release = jdk.resolve("release");
            if (!Files.exists(release)) {
                return 0;
            }
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(20));
    }
}
