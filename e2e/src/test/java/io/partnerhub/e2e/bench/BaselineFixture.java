package io.partnerhub.e2e.bench;

import io.partnerhub.platform.devstack.Ports;
import io.partnerhub.platform.devstack.Postgres;
import io.partnerhub.platform.devstack.Processes;
import io.partnerhub.platform.devstack.SystemLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' baseline (module {@code e2e/baseline-fixture}): a minimal Quarkus reactive GET-by-id of one
 * {@code customer} row from the customers database of the running system, no authentication, started with the same
 * JVM options as the system's applications. {@code GET /items/{id}}.
 */
public final class BaselineFixture implements AutoCloseable {

    private final Process process;
    private final int port;

    private BaselineFixture(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static BaselineFixture start(SystemLauncher system, Path root, Path log) throws IOException {
        Path jar = root.resolve("e2e/baseline-fixture/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        int port = Ports.free();
        int management = Ports.free();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(system.jvmOptions().stream().map(o -> o.replace("{instance}", "baseline-fixture")).toList());
        command.addAll(List.of("-jar", jar.toString()));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_HOST", SystemLauncher.BIND_HOST);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_MANAGEMENT_HOST", SystemLauncher.BIND_HOST);
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", system.postgres().reactiveUrl("customers"));
        env.put("QUARKUS_DATASOURCE_USERNAME", Postgres.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", Postgres.PASSWORD);
        Process process = builder.start();
        try {
            Processes.awaitReady("baseline-fixture", process,
                    "http://" + SystemLauncher.BIND_HOST + ":" + management + "/q/health/ready", Duration.ofMinutes(2), log);
        } catch (IOException | RuntimeException e) {
            Processes.stop(process, Duration.ofSeconds(5));
            throw e;
        }
        return new BaselineFixture(process, port);
    }

    public String url() {
        return "http://" + SystemLauncher.BIND_HOST + ":" + port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(10));
    }
}
