package io.partnerhub.e2e;

import io.partnerhub.e2e.bench.Figures;
import io.partnerhub.e2e.bench.LoadGenerator;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.partnerhub.platform.devstack.SystemLauncher.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hours of a working day in minutes (not part of {@code verify}): mixed traffic through the gateway — reads (customer
 * detail and list, a customer's subscriptions, analytics, calling usage) and writes (orders, license usage, call
 * records) — at ~70 % of the capacity measured first, for {@code soak.minutes} (default 10, quick 1). The capacity is
 * the read mix's closed-loop throughput ({@code soak.capacitySeconds}, 20 s, quick 5 s); the soak sends the reads
 * open-loop at {@code soak.share} (0.7) of it, and writes at a fixed {@code soak.writesPerSecond} (10: an order,
 * license usage of 20 subscriptions or 50 call records each). Every {@code soak.sampleSeconds} (20) the resident set
 * (VmRSS) of every application is sampled, and its heap as the lowest used heap seen in the interval (read every
 * {@code soak.heapPollSeconds}, 2 s): the trough after a collection, what the heap keeps, not where a sawtooth stood.
 * Verdict: 0 errors, and every application <em>flat</em> after the first minute's warm-up (quick: after the first
 * sample): the average RSS of the last third of the samples, and the heap's floor (lowest trough) of the last third,
 * each within {@code soak.flatPercent} (15 %) of the first third's. Report: {@code e2e/target/bench/soak.md}.
 */
class SoakBenchmark {

    static final List<String> APPS = SystemLauncher.APPS.stream().map(SystemLauncher.App::name).toList();

    record Sample(double minute, double[] rss, double[] heap) {
    }

    @Test
    void mixedTrafficAtSeventyPercentOfCapacityStaysFlat() throws Exception {
        boolean quick = Figures.quick();
        double minutes = Double.parseDouble(System.getProperty("soak.minutes", quick ? "1" : "10"));
        int capacitySeconds = Integer.getInteger("soak.capacitySeconds", quick ? 5 : 20);
        double share = Double.parseDouble(System.getProperty("soak.share", "0.7"));
        int writesPerSecond = Integer.getInteger("soak.writesPerSecond", 10);
        int sampleSeconds = Integer.getInteger("soak.sampleSeconds", quick ? 10 : 20);
        double flatPercent = Double.parseDouble(System.getProperty("soak.flatPercent", "15"));
        int connections = Integer.getInteger("soak.connections", 16);

        SystemLauncher system = RunningSystem.production();
        MixedWorkload workload = new MixedWorkload(system).seed(quick ? 50 : 500);
        system.restartInstance(system.instances("gateway").get(0), Map.of(
                "PARTNERHUB_GATEWAY_RATE_LIMIT_CAPACITY", "100000000", "PARTNERHUB_GATEWAY_RATE_LIMIT_REFILL", "100000000"));

        try (LoadGenerator generator = new LoadGenerator()) {
            LoadGenerator.Result capacity = generator.closedLoop(workload.reads("capacity: read mix, closed loop"), connections,
                    Duration.ofSeconds(quick ? 3 : 10), Duration.ofSeconds(capacitySeconds));
            assertEquals(0, capacity.errors(), capacity.toString());
            double rate = capacity.throughput() * share;

            List<Sample> samples = new CopyOnWriteArrayList<>();
            long started = System.nanoTime();
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            AtomicLong writeNumber = new AtomicLong();
            HeapTroughs troughs = new HeapTroughs(system);
            int heapPollSeconds = Integer.getInteger("soak.heapPollSeconds", 2);
            scheduler.scheduleAtFixedRate(troughs::poll, 0, heapPollSeconds, TimeUnit.SECONDS);
            scheduler.scheduleAtFixedRate(() -> samples.add(sample(system, troughs, (System.nanoTime() - started) / 60e9)),
                    sampleSeconds, sampleSeconds, TimeUnit.SECONDS);
            scheduler.scheduleAtFixedRate(() -> writers.submit(() -> workload.write(writeNumber.getAndIncrement())),
                    0, 1_000_000 / writesPerSecond, TimeUnit.MICROSECONDS);
            LoadGenerator.Result soak;
            try {
                soak = generator.openLoop(workload.reads("soak: read mix, open loop"), connections, rate, Duration.ZERO,
                        Duration.ofMillis((long) (minutes * 60_000)));
            } finally {
                scheduler.shutdown();
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
                writers.shutdown();
                writers.awaitTermination(60, TimeUnit.SECONDS);
            }
            // no sample after the run: the scheduled ones cover it, and a last one of a part-interval would hold a single
            // heap reading, not a trough

            // the verdict: last third against first third, after the warm-up
            double warmUpMinutes = quick ? 0 : 1;
            List<Sample> steady = samples.stream().filter(s -> s.minute() >= warmUpMinutes).toList();
            int third = Math.max(1, steady.size() / 3);
            List<Sample> first = steady.subList(0, third);
            List<Sample> last = steady.subList(steady.size() - third, steady.size());
            StringBuilder md = new StringBuilder("## Soak\n\n");
            md.append(String.format(Locale.ROOT, "%.1f minutes of mixed traffic through the gateway on production JVM settings (`%s`): "
                            + "capacity of the read mix %.0f req/s (closed loop, %d connections, %d errors), soak at %.0f %% of it: "
                            + "%.0f req/s offered, %s; writes: %d (%d/s: orders, license usage ×20, call records ×50), %d errors %s.%n%n",
                    minutes, String.join(" ", system.jvmOptions()), capacity.throughput(), connections, capacity.errors(), share * 100,
                    rate, soak, workload.writes.get(), writesPerSecond, workload.writeErrorCount(), workload.writeErrors));
            md.append("| minute |");
            APPS.forEach(app -> md.append(" ").append(app).append(" RSS / heap MiB |"));
            md.append("\n|---|").append("---|".repeat(APPS.size())).append('\n');
            for (Sample s : samples) {
                md.append(String.format(Locale.ROOT, "| %.1f |", s.minute()));
                for (int i = 0; i < APPS.size(); i++) {
                    md.append(String.format(Locale.ROOT, " %.0f / %.0f |", s.rss()[i], s.heap()[i]));
                }
                md.append('\n');
            }
            Figures figures = new Figures("soak");
            figures.add("errors (reads and writes)", soak.errors() + workload.writeErrorCount(), "", Figures.Goal.atMost(0, "errors"));
            figures.add("read mix p99 at " + Math.round(share * 100) + " % of capacity", soak.p99(), "ms", null);
            md.append("\nVerdict, after the warm-up, flat within ").append(Math.round(flatPercent)).append(" %: RSS, the average of the "
                    + "last third of the samples against the first third's; heap, the floor (lowest trough) of the last third against "
                    + "the first third's, since a collection of the young generation does not come in every interval at this load:\n\n");
            List<String> notFlat = new ArrayList<>();
            for (int i = 0; i < APPS.size(); i++) {
                int app = i;
                double rssFirst = first.stream().mapToDouble(s -> s.rss()[app]).average().orElse(Double.NaN);
                double rssLast = last.stream().mapToDouble(s -> s.rss()[app]).average().orElse(Double.NaN);
                double heapFirst = first.stream().mapToDouble(s -> s.heap()[app]).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
                double heapLast = last.stream().mapToDouble(s -> s.heap()[app]).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
                boolean rssFlat = rssLast <= rssFirst * (1 + flatPercent / 100);
                boolean heapFlat = heapLast <= heapFirst * (1 + flatPercent / 100);
                md.append(String.format(Locale.ROOT, "- %s: RSS %.0f → %.0f MiB (%s), heap %.0f → %.0f MiB (%s)%n", APPS.get(i),
                        rssFirst, rssLast, rssFlat ? "flat" : "GROWING", heapFirst, heapLast, heapFlat ? "flat" : "GROWING"));
                figures.add(APPS.get(i) + " RSS, last third", rssLast, "MiB", "first third", rssFirst,
                        Figures.Goal.ratioAtMost(1 + flatPercent / 100, "the first third"));
                figures.add(APPS.get(i) + " heap floor, last third", heapLast, "MiB", "first third", heapFirst,
                        Figures.Goal.ratioAtMost(1 + flatPercent / 100, "the first third"));
                if (!rssFlat || !heapFlat) {
                    notFlat.add(APPS.get(i));
                }
            }
            System.out.println(md);
            figures.section(md.toString());
            figures.write();
            assertEquals(0, soak.errors(), soak.toString());
            assertEquals(0, workload.writeErrorCount(), workload.writeErrors.toString());
            assertTrue(notFlat.isEmpty(), "not flat: " + notFlat);
        }
    }

    /** RSS now; heap: the lowest used heap polled since the previous sample. */
    static Sample sample(SystemLauncher system, HeapTroughs troughs, double minute) {
        double[] rss = new double[APPS.size()];
        for (int i = 0; i < APPS.size(); i++) {
            try {
                rss[i] = ProcessMemory.rssMib(system.instances(APPS.get(i)).get(0).process().pid());
            } catch (Exception e) {
                rss[i] = Double.NaN;
            }
        }
        return new Sample(minute, rss, troughs.take());
    }

    /** The lowest used heap of each application since the last {@link #take}. */
    static final class HeapTroughs {
        private final SystemLauncher system;
        private final double[] lowest = new double[APPS.size()];

        HeapTroughs(SystemLauncher system) {
            this.system = system;
            java.util.Arrays.fill(lowest, Double.NaN);
        }

        synchronized void poll() {
            for (int i = 0; i < APPS.size(); i++) {
                Instance instance = system.instances(APPS.get(i)).get(0);
                try {
                    double used = ProcessMemory.heapUsedMib(instance.managementUrl());
                    lowest[i] = Double.isNaN(lowest[i]) ? used : Math.min(lowest[i], used);
                } catch (Exception e) {
                    // one missed reading: the interval's other readings stand
                }
            }
        }

        synchronized double[] take() {
            double[] taken = lowest.clone();
            java.util.Arrays.fill(lowest, Double.NaN);
            return taken;
        }
    }
}
