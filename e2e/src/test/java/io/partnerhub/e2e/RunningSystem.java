package io.partnerhub.e2e;

import io.partnerhub.platform.devstack.Directories;
import io.partnerhub.platform.devstack.SystemLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole system, started once per e2e test JVM from the production jars the reactor just built, with tracing on
 * towards an OTLP receiver in this JVM ({@link #traces()}); only requests that carry a sampled {@code traceparent}
 * are traced, so other tests and the benchmarks export nothing.
 */
public final class RunningSystem {

    private static SystemLauncher system;
    private static OtlpReceiver traces;
    private static List<String> jvmOptions;

    private RunningSystem() {
    }

    public static synchronized SystemLauncher get() {
        return start(SystemLauncher.LOCAL_JVM);
    }

    /**
     * The system with the applications on production JVM settings ({@link SystemLauncher#PRODUCTION_JVM}) plus the
     * options of {@code -Dbench.jvm="..."} (space-separated, e.g. a flight recording), for the benchmarks.
     */
    public static synchronized SystemLauncher production() {
        List<String> options = new ArrayList<>(SystemLauncher.PRODUCTION_JVM);
        for (String option : System.getProperty("bench.jvm", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        return start(options);
    }

    private static SystemLauncher start(List<String> options) {
        if (system != null) {
            if (!jvmOptions.equals(options)) {
                throw new IllegalStateException("the system of this test JVM runs with " + jvmOptions + ", not " + options);
            }
            return system;
        }
        jvmOptions = List.copyOf(options);
        Path root = Path.of(System.getProperty("partnerhub.root", "..")).toAbsolutePath().normalize();
        Path state = root.resolve("e2e/target/e2e-state-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(state);
            traces = OtlpReceiver.start();
            system = new SystemLauncher(new SystemLauncher.Layout(root, state, false))
                    .withTracing(traces.applicationSettings())
                    .withJvmOptions(options)
                    .start();
        } catch (Exception e) {
            if (traces != null) {
                traces.close();
                traces = null;
            }
            throw new IllegalStateException("the system did not start; logs in " + state.resolve("logs"), e);
        }
        SystemLauncher started = system;
        OtlpReceiver receiver = traces;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            receiver.close();
            try {
                keepLogs(state, "system");
                Directories.delete(state); // the run's data goes with it (its logs are kept: see keepLogs)
            } catch (java.io.UncheckedIOException e) {
                // best effort: target/ is cleaned by the next clean build anyway
            }
        }, "e2e-stop"));
        return system;
    }

    /**
     * Copies a system's application logs to {@code e2e/target/e2e-logs/<system>/} (replacing the last run's), so that
     * a failed test can be read after the run; the rest of the state (databases, broker) goes.
     */
    static void keepLogs(Path state, String system) {
        Path logs = state.resolve("logs");
        Path kept = state.getParent().resolve("e2e-logs").resolve(system);
        try (var files = Files.list(logs)) {
            Files.createDirectories(kept);
            for (Path file : files.toList()) {
                Files.copy(file, kept.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // best effort: the logs are for reading after a failure, not part of any test
        }
    }

    /** The spans the system's applications exported (starts the system when it is not running yet). */
    static synchronized OtlpReceiver traces() {
        get();
        return traces;
    }
}
