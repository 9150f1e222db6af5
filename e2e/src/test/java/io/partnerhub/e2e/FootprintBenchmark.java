package io.partnerhub.e2e;

import io.partnerhub.e2e.bench.Figures;
import io.partnerhub.e2e.bench.LoadGenerator;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.partnerhub.platform.devstack.SystemLauncher.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Footprint of the applications on production JVM settings (not part of {@code verify}): the whole stack's start
 * (devstack's PostgreSQL, Kafka and Keycloak, then the five applications until ready), each application's start on its
 * own (process start → {@code /q/health/ready} UP, polled every 250 ms, median of {@code bench.footprint.starts}
 * starts, default 3, quick 1), and the resident set (VmRSS) and used heap of each application idle and under a
 * closed-loop mixed read load through the gateway ({@code bench.footprint.seconds}, default 30 s, quick 10 s).
 * Report: {@code e2e/target/bench/footprint.md}.
 */
class FootprintBenchmark {

    static final List<String> APPS = SystemLauncher.APPS.stream().map(SystemLauncher.App::name).toList();

    @Test
    void footprintOfEveryApplication() throws Exception {
        boolean quick = Figures.quick();
        int starts = Integer.getInteger("bench.footprint.starts", quick ? 1 : 3);
        Duration loaded = Duration.ofSeconds(Integer.getInteger("bench.footprint.seconds", quick ? 10 : 30));

        Instant stackStarting = Instant.now();
        SystemLauncher system = RunningSystem.production();
        Instant stackReady = Instant.now();
        Instant appsStarting = APPS.stream().map(app -> system.instances(app).get(0).process().info().startInstant().orElseThrow())
                .min(Instant::compareTo).orElseThrow();
        Duration stack = Duration.between(stackStarting, stackReady);
        Duration servers = Duration.between(stackStarting, appsStarting);
        Duration apps = Duration.between(appsStarting, stackReady);

        MixedWorkload workload = new MixedWorkload(system).seed(quick ? 50 : 200);
        system.restartInstance(system.instances("gateway").get(0), Map.of(
                "PARTNERHUB_GATEWAY_RATE_LIMIT_CAPACITY", "100000000", "PARTNERHUB_GATEWAY_RATE_LIMIT_REFILL", "100000000"));

        // idle: after the seeding's events are applied and a quiet while
        await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
        Map<String, double[]> idle = new LinkedHashMap<>();
        for (String app : APPS) {
            Instance instance = system.instances(app).get(0);
            idle.put(app, new double[] {ProcessMemory.rssMib(instance.process().pid()), ProcessMemory.heapUsedMib(instance.managementUrl())});
        }

        // under load: the peak resident set, sampled every second, and the used heap at the end
        Map<String, Double> peakRss = new ConcurrentHashMap<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            for (String app : APPS) {
                try {
                    double rss = ProcessMemory.rssMib(system.instances(app).get(0).process().pid());
                    peakRss.merge(app, rss, Math::max);
                } catch (Exception e) {
                    // the next sample
                }
            }
        }, 0, 1, TimeUnit.SECONDS);
        LoadGenerator.Result load;
        try (LoadGenerator generator = new LoadGenerator()) {
            load = generator.closedLoop(workload.reads("mixed reads through the gateway"), 16, Duration.ofSeconds(3), loaded);
        } finally {
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertEquals(0, load.errors(), load.toString());
        Map<String, double[]> underLoad = new LinkedHashMap<>();
        for (String app : APPS) {
            Instance instance = system.instances(app).get(0);
            underLoad.put(app, new double[] {peakRss.getOrDefault(app, Double.NaN), ProcessMemory.heapUsedMib(instance.managementUrl())});
        }

        // each application started on its own, the rest of the system running
        Map<String, Double> startSeconds = new LinkedHashMap<>();
        for (String app : APPS) {
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                if (app.equals("gateway")) {
                    Instance gateway = system.restartInstance(system.instances(app).get(0), Map.of(
                            "PARTNERHUB_GATEWAY_RATE_LIMIT_CAPACITY", "100000000", "PARTNERHUB_GATEWAY_RATE_LIMIT_REFILL", "100000000"));
                    seconds.add(secondsSinceStart(gateway));
                } else {
                    Instance extra = system.launchInstance(app, Map.of());
                    try {
                        system.awaitReady(extra);
                        seconds.add(secondsSinceStart(extra));
                    } finally {
                        system.stopInstance(extra);
                    }
                }
            }
            seconds.sort(null);
            startSeconds.put(app, seconds.get(seconds.size() / 2));
        }

        Figures figures = new Figures("footprint");
        StringBuilder md = new StringBuilder("## Footprint\n\n");
        md.append(String.format(Locale.ROOT, "JVM options of the applications: `%s`. Whole stack from nothing to every application ready: "
                        + "**%.1f s** (PostgreSQL, Kafka, Keycloak %.1f s, then the five applications at once %.1f s). "
                        + "Load: %s.%n%n",
                String.join(" ", system.jvmOptions()), seconds(stack), seconds(servers), seconds(apps), load));
        md.append("| application | start s (alone) | RSS idle MiB | heap idle MiB | RSS peak under load MiB | heap under load MiB |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (String app : APPS) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.0f | %.0f | %.0f | %.0f |%n", app, startSeconds.get(app),
                    idle.get(app)[0], idle.get(app)[1], underLoad.get(app)[0], underLoad.get(app)[1]));
            figures.add(app + " start (process → ready)", startSeconds.get(app), "s", null);
            figures.add(app + " RSS under load", underLoad.get(app)[0], "MiB", "idle", idle.get(app)[0], null);
        }
        figures.add("whole stack start", seconds(stack), "s", null);
        md.append('\n');
        System.out.println(md);
        figures.section(md.toString());
        figures.write();
    }

    static double secondsSinceStart(Instance instance) {
        Instant started = instance.process().info().startInstant().orElseThrow();
        return seconds(Duration.between(started, Instant.now()));
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
