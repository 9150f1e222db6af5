package io.partnerhub.platform.runtime.rest;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request has an id: the caller's (the gateway's) {@code X-Request-Id} when it is a safe token, else a new
 * one. It is echoed on the response and named in every problem document, so a client's report finds the logs.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String id = of(context);
            context.request().headers().set(HEADER, id);
            context.response().putHeader(HEADER, id);
            context.next();
        });
    }

    /** The request's id: set by the first handler, so failure handlers and resources see the same one. */
    public static String of(RoutingContext context) {
        String given = context.request().getHeader(HEADER);
        return given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    /** The id of a request whose header has already been checked (resources, filters). */
    public static String ofHeader(String header) {
        return header != null && SAFE.matcher(header).matches() ? header : null;
    }
}
