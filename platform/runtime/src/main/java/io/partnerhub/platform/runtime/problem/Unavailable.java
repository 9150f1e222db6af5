package io.partnerhub.platform.runtime.problem;

import io.partnerhub.platform.core.problem.Problem;
import jakarta.ws.rs.core.Response;

/**
 * A request failed because something the service depends on is down (PostgreSQL stopped or restarting, its
 * connections cut): the caller gets {@code 503} problem+json with {@code Retry-After}, so an integrator retries the
 * same request later (with the same Idempotency-Key or natural ids, which makes the retry safe), never a 500.
 */
public final class Unavailable {

    /** Seconds a caller should wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 2;
    static final String DETAIL = "A resource this service depends on is unavailable; retry later";

    private Unavailable() {
    }

    /** Whether the failure, or any of its causes, is a lost or refused connection to the database (or another server). */
    public static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.ConnectException
                    || cause instanceof java.net.SocketException
                    || cause instanceof java.nio.channels.ClosedChannelException
                    || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof io.vertx.sqlclient.ClosedConnectionException
                    || isSocketIoFailure(cause)) {
                return true;
            }
            String state = null;
            if (cause instanceof io.vertx.sqlclient.DatabaseException database) {
                state = database.getSqlState();
            } else if (cause instanceof java.sql.SQLException sql) {
                state = sql.getSQLState();
            }
            // 08: connection exception; 57P01-03: the server is shutting down or starting; 53300: too many connections
            if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A write to a socket the server already closed ("Broken pipe") is a plain {@link java.io.IOException} (NIO), or
     * Netty's {@code NativeIoException} (epoll); the exact classes only, since parsers' exceptions extend IOException.
     */
    private static boolean isSocketIoFailure(Throwable cause) {
        return cause.getClass() == java.io.IOException.class || cause.getClass().getName().endsWith("$NativeIoException");
    }

    public static Problem problem() {
        return Problem.of(503, DETAIL);
    }

    public static Response response() {
        return ProblemMappers.builder(problem()).header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)).build();
    }
}
