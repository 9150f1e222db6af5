package io.partnerhub.e2e;

import io.partnerhub.platform.devstack.SystemLauncher;
import java.nio.file.Files;
import java.nio.file.Path;

/** The whole system, started once per e2e test JVM from the production jars the reactor just built. */
public final class RunningSystem {

    private static SystemLauncher system;

    private RunningSystem() {
    }

    /** The run's data goes with it (logs of a failed run stay: the JVM keeps them when start fails). */
    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // best effort: target/ is cleaned by the next clean build anyway
        }
    }

    public static synchronized SystemLauncher get() {
        if (system != null) {
            return system;
        }
        Path root = Path.of(System.getProperty("partnerhub.root", "..")).toAbsolutePath().normalize();
        Path state = root.resolve("e2e/target/e2e-state-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(state);
            system = new SystemLauncher(new SystemLauncher.Layout(root, state, false)).start();
        } catch (Exception e) {
            throw new IllegalStateException("the system did not start; logs in " + state.resolve("logs"), e);
        }
        SystemLauncher started = system;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            deleteTree(state);
        }, "e2e-stop"));
        return system;
    }
}
