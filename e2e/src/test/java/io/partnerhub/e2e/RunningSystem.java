package io.partnerhub.e2e;

import io.partnerhub.platform.devstack.Directories;
import io.partnerhub.platform.devstack.SystemLauncher;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole system, started once per e2e test JVM from the production jars the reactor just built, with tracing on
 * towards an OTLP receiver in this JVM ({@link #traces()}); only requests that carry a sampled {@code traceparent}
 * are traced, so other tests and the benchmarks export nothing.
 */
public final class RunningSystem {

    private static SystemLauncher system;
    private static OtlpReceiver traces;

    private RunningSystem() {
    }

    public static synchronized SystemLauncher get() {
        if (system != null) {
            return system;
        }
        Path root = Path.of(System.getProperty("partnerhub.root", "..")).toAbsolutePath().normalize();
        Path state = root.resolve("e2e/target/e2e-state-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(state);
            traces = OtlpReceiver.start();
            system = new SystemLauncher(new SystemLauncher.Layout(root, state, false))
                    .withTracing(traces.applicationSettings())
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
                Directories.delete(state); // the run's data goes with it
            } catch (java.io.UncheckedIOException e) {
                // best effort: target/ is cleaned by the next clean build anyway
            }
        }, "e2e-stop"));
        return system;
    }

    /** The spans the system's applications exported (starts the system when it is not running yet). */
    static synchronized OtlpReceiver traces() {
        get();
        return traces;
    }
}
