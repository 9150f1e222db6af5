package io.partnerhub.platform.runtime.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.platform.runtime.inbox.IncomingEvents;
import io.smallrye.mutiny.Uni;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database outage is a 503 with Retry-After for a request, and something a consumer waits out, never a dead letter. */
class UnavailableTest {

    /**
     * Mutiny's retry back-off runs on an executor whose context propagation reads the application's configuration;
     * outside Quarkus that is the prod profile's, which refuses to start without the connection variables.
     */
    @BeforeAll
    static void testProfile() {
        System.setProperty("quarkus.profile", "test");
    }

    @Test
    void lostOrRefusedConnectionsAreAnOutageOtherFailuresAreNot() {
        assertTrue(Unavailable.is(new ConnectException("Connection refused")));
        assertTrue(Unavailable.is(new CompletionException(new IllegalStateException("wrapped", new ConnectException("refused")))));
        assertTrue(Unavailable.is(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(Unavailable.is(new SQLException("the database system is starting up", "57P03")));
        assertTrue(Unavailable.is(new SQLException("connection failure", "08006")));
        assertTrue(Unavailable.is(io.vertx.sqlclient.ClosedConnectionException.INSTANCE));
        assertTrue(Unavailable.is(new IllegalStateException("write failed", new java.io.IOException("Broken pipe"))));
        assertFalse(Unavailable.is(new com.fasterxml.jackson.core.JsonParseException(null, "not JSON")));
        assertFalse(Unavailable.is(new SQLException("duplicate key", "23505")));
        assertFalse(Unavailable.is(new IllegalStateException("a bug")));
        assertFalse(Unavailable.is(null));
    }

    @Test
    void theAnswerIs503ProblemJsonWithRetryAfter() {
        Response response = Unavailable.response();
        assertEquals(503, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertEquals(String.valueOf(Unavailable.RETRY_AFTER_SECONDS), response.getHeaderString("Retry-After"));
    }

    @Test
    void aConsumerWaitsOutADatabaseOutageLongerThanItsRetries() {
        IncomingEvents events = new IncomingEvents(new ObjectMapper(), 2, Duration.ofMillis(1), Duration.ofMillis(2));
        AtomicInteger calls = new AtomicInteger();
        String result = events.withRetries(() -> calls.incrementAndGet() <= 10
                ? Uni.createFrom().failure(new SQLException("connection refused", "08001"))
                : Uni.createFrom().item("applied")).await().atMost(Duration.ofSeconds(30));
        assertEquals("applied", result);
        assertEquals(11, calls.get());

        AtomicInteger bugs = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> events.withRetries(() -> {
            bugs.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("a bug"));
        }).await().atMost(Duration.ofSeconds(30)));
        assertEquals(3, bugs.get()); // the first attempt and its 2 retries, then the dead-letter topic
    }
}
