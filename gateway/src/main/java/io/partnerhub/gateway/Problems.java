package io.partnerhub.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 answers written by the gateway itself. */
final class Problems {

    private Problems() {
    }

    static void send(RoutingContext context, int status, String title, String slug, String detail) {
        if (context.response().headWritten()) {
            return;
        }
        if (status == 401) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
        }
        context.response().setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject()
                        .put("type", "https://partnerhub.io/problems/" + slug)
                        .put("title", title)
                        .put("status", status)
                        .put("detail", detail)
                        .encode());
    }

    static void unauthorized(RoutingContext context) {
        send(context, 401, "Unauthorized", "unauthorized", "A valid bearer token is required");
    }
}
