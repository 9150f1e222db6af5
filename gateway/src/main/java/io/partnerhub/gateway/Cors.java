package io.partnerhub.gateway;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for the configured browser origins only (none by default). A preflight from an allowed origin is answered
 * here, before authentication (it carries no token); one from any other origin is a 403 problem without CORS
 * headers. Other requests from an allowed origin get their CORS headers on whatever answer they get (the service's
 * or the gateway's own problem); from any other origin they get none, so a browser keeps the answer from the page.
 */
final class Cors {

    static final String EXPOSED = "Link, ETag, Location, Retry-After, X-Request-Id";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, If-Match, If-None-Match, Idempotency-Key, "
            + "X-Request-Id, traceparent, tracestate";
    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";

    private final Set<String> origins;
    private final int maxAgeSeconds;

    Cors(List<String> origins, int maxAgeSeconds) {
        this.origins = origins.stream().map(String::trim).filter(o -> !o.isEmpty())
                .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).collect(Collectors.toUnmodifiableSet());
        this.maxAgeSeconds = maxAgeSeconds;
    }

    boolean allows(String origin) {
        return origin != null && origins.contains(origin);
    }

    static boolean isPreflight(RoutingContext context) {
        return context.request().method() == HttpMethod.OPTIONS && context.request().getHeader("Origin") != null
                && context.request().getHeader("Access-Control-Request-Method") != null;
    }

    /** Answers a preflight; false (and nothing written) for any other request. */
    boolean answerPreflight(RoutingContext context) {
        if (!isPreflight(context)) {
            return false;
        }
        String origin = context.request().getHeader("Origin");
        if (!allows(origin)) {
            Problems.send(context, 403, "Cross-origin requests from this origin are not allowed");
            return true;
        }
        context.response().setStatusCode(204)
                .putHeader("Access-Control-Allow-Methods", ALLOWED_METHODS)
                .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .putHeader("Access-Control-Max-Age", String.valueOf(maxAgeSeconds))
                .end();
        return true;
    }

    /** Just before the answer's headers go out: the CORS headers, for an allowed origin. */
    void decorate(RoutingContext context) {
        String origin = context.request().getHeader("Origin");
        HttpServerResponse response = context.response();
        if (!origins.isEmpty()) {
            response.headers().add("Vary", "Origin");
        }
        if (!allows(origin)) {
            return;
        }
        response.putHeader("Access-Control-Allow-Origin", origin);
        if (!isPreflight(context)) {
            response.putHeader("Access-Control-Expose-Headers", EXPOSED);
        }
    }
}
