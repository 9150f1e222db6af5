package io.partnerhub.e2e.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load generator against a local server that answers 200 or 503 by path, each after a fixed delay. */
class LoadGeneratorTest {

    static Vertx vertx;
    static HttpServer server;
    static final AtomicInteger connections = new AtomicInteger();
    static final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void serve() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .connectionHandler(connection -> connections.incrementAndGet())
                .requestHandler(request -> {
                    authorizations.add(String.valueOf(request.getHeader("Authorization")));
                    // 10 ms per answer: a closed loop of 4 connections makes at most 400 requests/s
                    vertx.setTimer(10, id -> request.response()
                            .setStatusCode(request.path().startsWith("/fail") ? 503 : 200).end("{}"));
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    String base() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Test
    void closedLoopKeepsItsConnectionsBusyAndRecordsEveryAnswer() {
        connections.set(0);
        authorizations.clear();
        try (LoadGenerator load = new LoadGenerator()) {
            LoadGenerator.Result result = load.closedLoop(LoadGenerator.Target.get("ok", base(), "/items/1", () -> "t0k"),
                    4, Duration.ofMillis(300), Duration.ofSeconds(1));
            // 4 connections, each answer ≥ 10 ms: at most 4 × 100 in the measured second
            assertTrue(result.requests() <= 404, result.toString());
            // busy: the answers' latencies add up to (nearly) the 4 connections' whole second, however slow the machine
            double busyMicros = result.latencyMicros().getMean() * result.requests();
            assertTrue(busyMicros >= 0.8 * 4 * 1_000_000, busyMicros + " µs busy; " + result);
            assertEquals(0, result.errors(), result.toString());
            assertEquals(result.requests(), result.latencyMicros().getTotalCount());
            assertTrue(result.p50() >= 10.0 && result.p50() < 50.0, result.toString());
            assertEquals(4, connections.get(), "connections kept alive and reused");
            assertTrue(authorizations.stream().allMatch("Bearer t0k"::equals));
        }
    }

    @Test
    void nonSuccessAnswersAreErrorsByStatus() {
        try (LoadGenerator load = new LoadGenerator()) {
            LoadGenerator.Target target = new LoadGenerator.Target("mixed", java.net.URI.create(base()),
                    n -> n % 2 == 0 ? "/ok/" + n : "/fail/" + n, Map::of);
            LoadGenerator.Result result = load.closedLoop(target, 2, Duration.ZERO, Duration.ofMillis(500));
            assertTrue(result.errors() > 0, result.toString());
            assertEquals(Map.of("503", result.errors()), result.errorsByStatus());
            assertTrue(Math.abs(result.errors() - result.requests()) <= 2, result.toString());
        }
    }

    @Test
    void openLoopSendsAtTheRateAndCountsWaitingTime() {
        try (LoadGenerator load = new LoadGenerator()) {
            LoadGenerator.Result steady = load.openLoop(LoadGenerator.Target.get("rate", base(), "/items/2", null),
                    4, 100, Duration.ofMillis(200), Duration.ofSeconds(2));
            // 100 requests/s for 2 s: 200 requests were due in the measured phase, all answered
            assertTrue(Math.abs(steady.requests() - 200) <= 1, steady.toString());

            // 1 connection can answer ~100/s; at 200/s requests queue and their latency grows with the wait
            LoadGenerator.Result overloaded = load.openLoop(LoadGenerator.Target.get("over", base(), "/items/3", null),
                    1, 200, Duration.ZERO, Duration.ofSeconds(1));
            assertTrue(Math.abs(overloaded.requests() - 200) <= 1, overloaded.toString());
            assertTrue(overloaded.p99() > 300, "coordinated omission corrected: " + overloaded);
            // within the connections' capacity nothing waits for its turn: no timed bound (the machine may be busy),
            // but below the queued run's latency
            assertTrue(steady.p99() < overloaded.p99(), steady + " vs " + overloaded);
        }
    }
}
