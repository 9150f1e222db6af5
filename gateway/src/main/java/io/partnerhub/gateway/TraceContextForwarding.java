package io.partnerhub.gateway;

import io.opentelemetry.api.trace.Span;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Trace context across the gateway: when the gateway traces, it has continued the caller's {@code traceparent} in its
 * own request span, and its HTTP client adds the context of the forwarded call's span to that call. The caller's
 * trace headers are removed from the request before it is forwarded, so the service continues the gateway's span
 * rather than the caller's (a request carries one {@code traceparent}). When tracing is off they pass unchanged.
 */
@ApplicationScoped
public class TraceContextForwarding {

    static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate", "baggage");

    void install(@Observes Router router) {
        // before every /api/v1 handler of GatewayRouter (routes without an explicit order come after it)
        router.route("/api/v1/*").order(-100).handler(this::replaceCallersContext);
    }

    private void replaceCallersContext(RoutingContext context) {
        if (Span.current().getSpanContext().isValid()) {
            TRACE_HEADERS.forEach(context.request().headers()::remove);
        }
        context.next();
    }
}
