package io.partnerhub.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.partnerhub.platform.devstack.Ports;
import io.partnerhub.platform.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several instances of a service behind the gateway ({@code partnerhub.gateway.services.<name>} as a comma-separated
 * list), each a real HTTP server of this test: requests are spread in turn; a refused connection is tried once on the
 * other instance, whatever the method (subscriptions: no management URL per instance, so only passive health); a connection that breaks before an answer is tried again on the other instance
 * for GET and for a request with an {@code Idempotency-Key} (body and all), never for another write; an instance
 * whose readiness answers DOWN gets no request until it is UP again.
 */
@QuarkusTest
@TestProfile(LoadBalancingIT.SeveralInstances.class)
class LoadBalancingIT {

    static final ObjectMapper JSON = new ObjectMapper();

    public static class SeveralInstances implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("partnerhub.gateway.rate-limit.capacity", "1000",
                    "partnerhub.gateway.health.instance-probe-millis", "200");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Instances.class));
        }
    }

    static final String ADMIN = TestTokens.issue("p1", "alice", "partner-full-admin");

    /** Two answering instances (a, b), a port where nothing listens, and one that drops every connection unanswered. */
    public static class Instances implements QuarkusTestResourceLifecycleManager {

        static final Map<String, Stub> STUBS = new ConcurrentHashMap<>();
        static final AtomicInteger DROPPED = new AtomicInteger();
        private final ExecutorService executor = Executors.newCachedThreadPool();
        private ServerSocket dropper;
        private Socket refusing;

        @Override
        public Map<String, String> start() {
            try {
                Stub a = new Stub("a", executor);
                Stub b = new Stub("b", executor);
                STUBS.put("a", a);
                STUBS.put("b", b);
                refusing = Ports.refusing();
                String refused = "http://127.0.0.1:" + refusing.getLocalPort();
                dropper = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                executor.submit(this::drop);
                String dropping = "http://127.0.0.1:" + dropper.getLocalPort();
                Map<String, String> config = new TreeMap<>();
                config.put("partnerhub.gateway.services.customers", a.url() + ", " + b.url());
                config.put("partnerhub.gateway.health.services.customers", a.url() + "," + b.url());
                config.put("partnerhub.gateway.services.subscriptions", refused + "," + a.url());
                config.put("partnerhub.gateway.health.services.subscriptions", a.url());
                config.put("partnerhub.gateway.services.analytics", dropping + "," + b.url());
                config.put("partnerhub.gateway.health.services.analytics", dropping + "," + b.url());
                config.put("partnerhub.gateway.services.calling_metrics", a.url());
                config.put("partnerhub.gateway.health.services.calling_metrics", a.url());
                config.put("partnerhub.gateway.health.identity-provider-url", a.url() + "/realms/test");
                return config;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Reads the request head; answers its readiness 200 (it looks healthy), but closes the connection of any other
         * request without a byte of answer.
         */
        private void drop() {
            while (!dropper.isClosed()) {
                try (Socket socket = dropper.accept()) {
                    InputStream in = socket.getInputStream();
                    StringBuilder head = new StringBuilder();
                    int state = 0;
                    while (state < 4) {
                        int c = in.read();
                        if (c < 0) {
                            break;
                        }
                        head.append((char) c);
                        state = (c == '\r' || c == '\n') ? state + 1 : 0;
                    }
                    if (head.toString().startsWith("GET /q/health/ready ")) {
                        socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    } else {
                        DROPPED.incrementAndGet();
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }
        }

        @Override
        public void stop() {
            STUBS.values().forEach(stub -> stub.server.stop(0));
            try {
                dropper.close();
                refusing.close();
            } catch (IOException e) {
                // stopping anyway
            }
            executor.shutdownNow();
        }
    }

    /** An instance: answers every API request 200 with its name, records what it got; readiness switchable. */
    static final class Stub {
        final String name;
        final HttpServer server;
        final AtomicBoolean ready = new AtomicBoolean(true);
        final List<String> seen = new CopyOnWriteArrayList<>();

        Stub(String name, ExecutorService executor) throws IOException {
            this.name = name;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(executor);
            server.createContext("/", this::serve);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void serve(HttpExchange exchange) throws IOException {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            if (path.equals("/q/health/ready")) {
                status = ready.get() ? 200 : 503;
            } else if (path.startsWith("/api/")) {
                seen.add(exchange.getRequestMethod() + " " + path + " " + body);
            }
            byte[] bytes = JSON.createObjectNode().put("instance", name).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Instance", name);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }

    static Stub stub(String name) {
        return Instances.STUBS.get(name);
    }

    static String instanceOf(Response response) {
        return response.getHeader("X-Instance");
    }

    @Test
    void requestsAreSpreadOverBothInstancesInTurn() {
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Response response = given().auth().oauth2(ADMIN).get("/api/v1/customers/c-" + i);
            assertEquals(200, response.statusCode());
            answered.add(instanceOf(response));
        }
        assertEquals(5, answered.stream().filter("a"::equals).count(), answered.toString());
        assertEquals(5, answered.stream().filter("b"::equals).count(), answered.toString());
        for (int i = 1; i < answered.size(); i++) {
            assertEquals(false, answered.get(i).equals(answered.get(i - 1)), "in turn: " + answered);
        }
    }

    @Test
    void aRefusedConnectionIsTriedOnceOnTheOtherInstanceWhateverTheMethod() {
        int before = stub("a").seen.size();
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(ADMIN).get("/api/v1/subscriptions/s-" + i)
                    .then().statusCode(200).header("X-Instance", equalTo("a"));
            given().auth().oauth2(ADMIN).contentType("application/json").body(JSON.createObjectNode().put("n", i).toString())
                    .post("/api/v1/subscriptions/s-" + i + "/cancel")
                    .then().statusCode(200).header("X-Instance", equalTo("a"));
        }
        List<String> seen = stub("a").seen.subList(before, stub("a").seen.size());
        assertEquals(8, seen.size(), seen.toString());
        assertEquals("POST /api/v1/subscriptions/s-3/cancel {\"n\":3}", seen.get(7));
    }

    @Test
    void aConnectionBrokenBeforeAnAnswerIsTriedAgainOnlyForAnIdempotentRequest() {
        List<String> seen = stub("b").seen;
        // GET: whichever instance comes first, b answers
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(ADMIN).get("/api/v1/analytics/kpis?i=" + i)
                    .then().statusCode(200).header("X-Instance", equalTo("b"));
        }
        // a write with an Idempotency-Key: b gets it, body and all
        for (int i = 0; i < 4; i++) {
            String body = JSON.createObjectNode().put("write", i).put("text", "x".repeat(2000)).toString();
            given().auth().oauth2(ADMIN).header("Idempotency-Key", "key-" + i).contentType("application/json").body(body)
                    .post("/api/v1/analytics/exports")
                    .then().statusCode(200).header("X-Instance", equalTo("b"));
            assertEquals("POST /api/v1/analytics/exports " + body, seen.get(seen.size() - 1));
        }
        // a write without one is never sent twice: where the connection broke, the caller gets the 503 problem
        int dropped = Instances.DROPPED.get();
        int atB = seen.size();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Response response = given().auth().oauth2(ADMIN).contentType("application/json").body(JSON.createObjectNode().put("once", i).toString())
                    .post("/api/v1/analytics/exports");
            statuses.add(response.statusCode());
            if (response.statusCode() == 503) {
                assertEquals("application/problem+json", response.contentType());
                assertEquals("The service behind this path did not answer; retry later", response.path("detail"));
                assertEquals("5", response.header("Retry-After"));
            } else {
                assertEquals("b", instanceOf(response));
            }
        }
        int droppedNow = Instances.DROPPED.get() - dropped;
        assertEquals(droppedNow, statuses.stream().filter(s -> s == 503).count(), statuses.toString());
        assertEquals(4 - droppedNow, seen.size() - atB);
        assertEquals(true, droppedNow >= 1, "the dropping instance got none of the writes: " + statuses);
    }

    @Test
    void anInstanceNotReadyGetsNoRequestUntilItIsReadyAgain() {
        stub("a").ready.set(false);
        try {
            // the readiness probe (every 200 ms) takes a out of turn
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                    readinessLeftOut("a"));
            for (int i = 0; i < 6; i++) {
                given().auth().oauth2(ADMIN).get("/api/v1/customers/r-" + i)
                        .then().statusCode(200).header("X-Instance", equalTo("b"));
            }
        } finally {
            stub("a").ready.set(true);
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<String> answered = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answered.add(instanceOf(given().auth().oauth2(ADMIN).get("/api/v1/customers/back-" + i)));
            }
            return answered.contains("a") && answered.contains("b");
        });
    }

    /** Four requests in a row all went to the other instance. */
    private static boolean readinessLeftOut(String name) {
        for (int i = 0; i < 4; i++) {
            if (name.equals(instanceOf(given().auth().oauth2(ADMIN).get("/api/v1/customers/probe-" + i)))) {
                return false;
            }
        }
        return true;
    }
}
