package io.partnerhub.e2e.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An HTTP/1.1 load generator for the benchmarks (a small wrk/wrk2 in the test JVM): a Vert.x client with a fixed
 * number of kept-alive connections (no pipelining), a warm-up whose answers are not counted, then a measured phase
 * whose latencies go into an HdrHistogram (microseconds, 3 significant digits).
 * <ul>
 *   <li>{@link #closedLoop}: every connection sends its next request as soon as the previous answer is read —
 *   the maximum throughput at that concurrency;</li>
 *   <li>{@link #openLoop}: requests are due at a fixed rate whatever the answers do; a request's latency counts from
 *   when it was due, not from when a connection was free to send it (corrected for coordinated omission, as wrk2).</li>
 * </ul>
 * An answer other than 2xx, or a failed connection, is an error (counted by status, never in the histogram).
 */
public final class LoadGenerator implements AutoCloseable {

    /** What to call: a base URL, the path of the n-th request (e.g. cycling through ids) and request headers. */
    public record Target(String name, URI base, LongFunction<String> path, Supplier<Map<String, String>> headers) {

        public Target {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(path, "path");
            headers = headers == null ? Map::of : headers;
        }

        /** A GET of the same path with a bearer token (fetched per request from {@code token}, which may refresh it). */
        public static Target get(String name, String baseUrl, String path, Supplier<String> token) {
            return new Target(name, URI.create(baseUrl), n -> path, bearer(token));
        }

        public static Supplier<Map<String, String>> bearer(Supplier<String> token) {
            return token == null ? Map::of : () -> Map.of("Authorization", "Bearer " + token.get());
        }
    }

    /** The measured phase of a run. */
    public record Result(String name, int connections, double seconds, long requests, long errors,
                         Map<String, Long> errorsByStatus, Histogram latencyMicros) {

        /** Successful answers per second of the measured phase. */
        public double throughput() {
            return requests / seconds;
        }

        public double percentileMillis(double percentile) {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN
                    : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        public double p50() {
            return percentileMillis(50);
        }

        public double p99() {
            return percentileMillis(99);
        }

        public double p999() {
            return percentileMillis(99.9);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d connections, %.0f req/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, "
                            + "%d requests, %d errors %s", name, connections, throughput(), p50(), p99(), p999(), requests,
                    errors, errorsByStatus);
        }
    }

    private final Vertx vertx;

    /** One event loop: on the 2-core machines it measures, the generator must not take more than it needs. */
    public LoadGenerator() {
        this(1);
    }

    public LoadGenerator(int eventLoops) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(1));
    }

    /** Every connection sends its next request when the previous answer is read, for warm-up then measured time. */
    public Result closedLoop(Target target, int connections, Duration warmUp, Duration measured) {
        return run(target, connections, warmUp, measured, 0);
    }

    /**
     * Requests due at {@code ratePerSecond} spread over {@code connections}; a request waiting for a free connection
     * counts its waiting time (latency from when it was due).
     */
    public Result openLoop(Target target, int connections, double ratePerSecond, Duration warmUp, Duration measured) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        return run(target, connections, warmUp, measured, ratePerSecond);
    }

    private Result run(Target target, int connections, Duration warmUp, Duration measured, double rate) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost(target.base().getHost())
                        .setDefaultPort(target.base().getPort())
                        .setKeepAlive(true)
                        .setPipelining(false)
                        .setTcpNoDelay(true)
                        .setConnectTimeout(10_000)
                        .setIdleTimeout(0),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        Run run = new Run(client, target, rate);
        long start = System.nanoTime();
        run.measureFrom = start + warmUp.toNanos();
        run.stopAt = run.measureFrom + measured.toNanos();
        if (rate == 0) {
            for (int i = 0; i < connections; i++) {
                vertx.runOnContext(v -> run.next(System.nanoTime()));
            }
        } else {
            run.startedAt = start;
            vertx.runOnContext(v -> run.tick());
        }
        try {
            run.done.get(warmUp.plus(measured).plusSeconds(120).toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the load run did not finish: " + target.name(), e);
        } finally {
            client.close().toCompletionStage().toCompletableFuture().join();
        }
        Map<String, Long> errors = new TreeMap<>();
        run.errorsByStatus.forEach((status, count) -> errors.put(status, count.get()));
        return new Result(target.name(), connections, measured.toNanos() / 1e9, run.measuredOk.get(),
                errors.values().stream().mapToLong(Long::longValue).sum(), errors, run.histogram);
    }

    /** The state of one run; closed loop: {@link #next}; open loop: {@link #tick} issues whatever is due. */
    private final class Run {

        final HttpClient client;
        final Target target;
        final double rate;
        final Histogram histogram = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
        final Map<String, AtomicLong> errorsByStatus = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicLong measuredOk = new AtomicLong();
        final AtomicLong sequence = new AtomicLong();
        final AtomicLong inFlight = new AtomicLong();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile long measureFrom;
        volatile long stopAt;
        long startedAt;
        long issued;

        Run(HttpClient client, Target target, double rate) {
            this.client = client;
            this.target = target;
            this.rate = rate;
        }

        void tick() {
            long now = System.nanoTime();
            if (now >= stopAt) {
                finishWhenIdle();
                return;
            }
            long due = (long) ((now - startedAt) / 1e9 * rate);
            for (; issued < due; issued++) {
                long intended = startedAt + (long) (issued * 1e9 / rate);
                send(intended);
            }
            vertx.setTimer(1, id -> tick());
        }

        void next(long intended) {
            if (intended >= stopAt) {
                finishWhenIdle();
                return;
            }
            send(intended);
        }

        void send(long intended) {
            inFlight.incrementAndGet();
            long n = sequence.getAndIncrement();
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(target.path().apply(n));
            target.headers().get().forEach(options::putHeader);
            client.request(options)
                    .compose(request -> request.send().compose(response -> response.body().map(body -> response.statusCode())))
                    .onComplete(answer -> {
                        long end = System.nanoTime();
                        if (intended >= measureFrom && intended < stopAt) {
                            if (answer.succeeded() && answer.result() / 100 == 2) {
                                measuredOk.incrementAndGet();
                                histogram.recordValue(Math.max(1, (end - intended) / 1000));
                            } else {
                                String status = answer.succeeded() ? String.valueOf(answer.result())
                                        : answer.cause().getClass().getSimpleName();
                                errorsByStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                            }
                        }
                        inFlight.decrementAndGet();
                        if (rate == 0) {
                            next(end);
                        } else if (System.nanoTime() >= stopAt) {
                            finishWhenIdle();
                        }
                    });
        }

        void finishWhenIdle() {
            if (inFlight.get() == 0) {
                done.complete(null);
            }
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** A markdown table row: name | connections | req/s | p50 | p99 | p99.9 | errors. */
    public static String row(Result result) {
        return String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.2f | %d |", result.name(), result.connections(),
                result.throughput(), result.p50(), result.p99(), result.p999(), result.errors());
    }

    public static String header() {
        return "| request | connections | req/s | p50 ms | p99 ms | p99.9 ms | errors |\n|---|---|---|---|---|---|---|";
    }
}
