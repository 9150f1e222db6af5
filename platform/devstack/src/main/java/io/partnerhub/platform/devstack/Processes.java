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

    /**
     * Polls {@code readyUrl} until it answers 200; fails early when {@code process} exits, and after {@code timeout}.
     *
     * @param name what is started, for the messages
     * @param log  where to look when it fails
     */
    public static void awaitReady(String name, Process process, String readyUrl, Duration timeout, java.nio.file.Path log)
            throws java.io.IOException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        java.net.http.HttpRequest ready = java.net.http.HttpRequest.newBuilder(java.net.URI.create(readyUrl))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new java.io.IOException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.IOException("interrupted while waiting for " + name, e);
            }
            pause(Duration.ofMillis(250));
        }
        throw new java.io.IOException(name + " was not ready after " + timeout + "; see " + log);
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
