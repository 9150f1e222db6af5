package io.partnerhub.platform.runtime.outbox;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceContextTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN_ID = "00f067aa0ba902b7";

    @Test
    void withoutASpanThereIsNoTraceContext() {
        TraceContext context = TraceContext.current();
        assertFalse(context.present());
        assertNull(context.traceparent());
        assertNull(context.tracestate());
        assertFalse(Span.fromContext(context.asParent()).getSpanContext().isValid());
    }

    @Test
    void theCurrentSpanIsKeptAsW3CTraceparentAndTracestate() {
        SpanContext span = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
                TraceState.builder().put("vendor", "value").build());
        try (Scope ignored = Context.root().with(Span.wrap(span)).makeCurrent()) {
            TraceContext context = TraceContext.current();
            assertEquals("00-" + TRACE_ID + "-" + SPAN_ID + "-01", context.traceparent());
            assertEquals("vendor=value", context.tracestate());

            SpanContext parent = Span.fromContext(context.asParent()).getSpanContext();
            assertTrue(parent.isRemote());
            assertEquals(TRACE_ID, parent.getTraceId());
            assertEquals(SPAN_ID, parent.getSpanId());
            assertTrue(parent.isSampled());
            assertEquals("value", parent.getTraceState().get("vendor"));
        }
    }

    @Test
    void anUnsampledSpanStaysUnsampled() {
        SpanContext span = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getDefault(), TraceState.getDefault());
        TraceContext context = TraceContext.of(Context.root().with(Span.wrap(span)));
        assertEquals("00-" + TRACE_ID + "-" + SPAN_ID + "-00", context.traceparent());
        assertNull(context.tracestate());
        assertFalse(Span.fromContext(context.asParent()).getSpanContext().isSampled());
    }

    @Test
    void aMalformedTraceparentIsNoParent() {
        assertFalse(Span.fromContext(new TraceContext("00-nonsense-01", null).asParent()).getSpanContext().isValid());
    }

    @Test
    void theRelaySendsTheTraceContextAsRecordHeadersAndNothingWithoutOne() {
        // no SDK here: the relay's span is the written context itself, sent as the W3C headers
        OutboxRelay relay = new OutboxRelay(null, "jdbc:postgresql://127.0.0.1:9/none", "postgres", Optional.empty(),
                new SmallRyeConfigBuilder().withDefaultValue("kafka.bootstrap.servers", "127.0.0.1:9").build(),
                OpenTelemetry.propagating(ContextPropagators.create(W3CTraceContextPropagator.getInstance())));
        ProducerRecord<String, String> traced = new ProducerRecord<>("partnerhub.customers.v1", "key", "{}");
        Span span = relay.publishSpan(traced, UUID.randomUUID(), new TraceContext("00-" + TRACE_ID + "-" + SPAN_ID + "-01", "vendor=value"));
        assertEquals(TRACE_ID, span.getSpanContext().getTraceId());
        assertEquals("00-" + TRACE_ID + "-" + SPAN_ID + "-01", header(traced, "traceparent"));
        assertEquals("vendor=value", header(traced, "tracestate"));

        ProducerRecord<String, String> untraced = new ProducerRecord<>("partnerhub.customers.v1", "key", "{}");
        assertNull(relay.publishSpan(untraced, UUID.randomUUID(), TraceContext.NONE));
        assertFalse(untraced.headers().iterator().hasNext());
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
