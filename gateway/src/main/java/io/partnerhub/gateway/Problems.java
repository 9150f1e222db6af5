package io.partnerhub.gateway;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * RFC 9457 answers written by the gateway itself, with {@code instance} (the request path, no query) and
 * {@code requestId} (its {@code X-Request-Id}) like the services' own problems.
 */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    static void send(RoutingContext context, int status, String title, String slug, String detail) {
        if (context.response().headWritten()) {
            return;
        }
        if (status == 401 && !context.response().headers().contains("WWW-Authenticate")) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
        }
        context.response().setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE)
                .end(json(context.request(), status, title, slug, detail).encode());
    }

    static JsonObject json(HttpServerRequest request, int status, String title, String slug, String detail) {
        return new JsonObject()
                .put("type", "https://partnerhub.io/problems/" + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", request.path())
                .put("requestId", request.getHeader(RequestIds.HEADER));
    }

    static void unauthorized(RoutingContext context) {
        send(context, 401, "Unauthorized", "unauthorized", "A valid bearer token is required");
    }

    /** A valid token issued before its admin's access changed (see {@link GatewayRevocations}). */
    static void revoked(RoutingContext context) {
        if (!context.response().headWritten()) {
            context.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        send(context, 401, "Unauthorized", "unauthorized",
                "This token was issued before the admin's access changed; sign in again");
    }
}
