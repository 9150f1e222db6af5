package io.partnerhub.platform.runtime.outbox;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A W3C trace context ({@code traceparent}, {@code tracestate}) kept with an outbox event, so the relay, on another
 * thread and later, can continue the trace of the change that wrote it. Both null when tracing is off or no span is
 * current.
 */
record TraceContext(String traceparent, String tracestate) {

    static final TraceContext NONE = new TraceContext(null, null);
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    /** The trace context of the current span. */
    static TraceContext current() {
        return of(Context.current());
    }

    static TraceContext of(Context context) {
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        String traceparent = carrier.get("traceparent");
        return traceparent == null ? NONE : new TraceContext(traceparent, carrier.get("tracestate"));
    }

    boolean present() {
        return traceparent != null;
    }

    /** The remote parent these values describe, as an OpenTelemetry context (the root context when absent or invalid). */
    Context asParent() {
        if (!present()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), this, GETTER);
    }

    private static final TextMapGetter<TraceContext> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(TraceContext carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return "traceparent".equals(key) ? carrier.traceparent() : "tracestate".equals(key) ? carrier.tracestate() : null;
        }
    };
}
