package io.partnerhub.gateway;

import io.partnerhub.platform.core.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes the gateway's own answers: the platform's {@link Problem} (RFC 9457), with {@code instance} (the request
 * path, no query) and {@code requestId} (its {@code X-Request-Id}) like the services' own problems.
 */
final class Problems {

    private Problems() {
    }

    static void send(RoutingContext context, Problem problem) {
        if (context.response().headWritten()) {
            return;
        }
        if (problem.status() == 401 && !context.response().headers().contains("WWW-Authenticate")) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
        }
        context.response().setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(encode(context.request(), problem));
    }

    /** The documented type and title of {@code status}. */
    static void send(RoutingContext context, int status, String detail) {
        send(context, Problem.of(status, detail));
    }

    /** The problem as the answer to {@code request}, encoded. */
    static String encode(HttpServerRequest request, Problem problem) {
        return Json.encode(problem.at(request.path(), request.getHeader(RequestIds.HEADER)));
    }

    static void unauthorized(RoutingContext context) {
        send(context, 401, "A valid bearer token is required");
    }

    /** A valid token issued before its admin's access changed (see {@link GatewayRevocations}). */
    static void revoked(RoutingContext context) {
        if (!context.response().headWritten()) {
            context.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        send(context, 401, "This token was issued before the admin's access changed; sign in again");
    }
}
