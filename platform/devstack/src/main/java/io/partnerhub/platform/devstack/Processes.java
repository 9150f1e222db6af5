package io.partnerhub.platform.devstack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops child processes with everything they started. */
public final class Processes {

    private Processes() {
    }

    /** SIGTERM to the process and its descendants, then SIGKILL to whatever is left after the grace period. */
    public static void stop(Process process, Duration grace) {
        if (process != null) {
            stopAll(List.of(process), grace);
        }
    }

    /** Stops all of them at once (each drains in parallel), then waits. */
    public static void stopAll(List<Process> processes, Duration grace) {
        java.util.ArrayList<ProcessHandle> all = new java.util.ArrayList<>();
        for (Process process : processes) {
            all.addAll(concat(process.toHandle(), process.descendants().toList()));
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : all) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    private static List<ProcessHandle> concat(ProcessHandle first, List<ProcessHandle> rest) {
        java.util.ArrayList<ProcessHandle> all = new java.util.ArrayList<>(rest);
        all.add(0, first);
        return all;
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
