package io.partnerhub.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector stand-in in the test JVM: accepts OTLP/HTTP span exports ({@code POST /v1/traces},
 * protobuf) from the system's applications and keeps the spans for assertions.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span: hex ids (parent empty for a root), the exporting application's {@code service.name}. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, Span.SpanKind kind,
                        Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/traces", receiver::export);
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "otlp-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return receiver;
    }

    /**
     * The applications' tracing settings for this receiver: on, OTLP/HTTP to here, exported within a fifth of a
     * second, and only traces whose request carries a sampled {@code traceparent} (no new trace is sampled), so
     * tests that do not ask for a trace export nothing and pay next to nothing.
     */
    Map<String, String> applicationSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("QUARKUS_OTEL_SDK_DISABLED", "false");
        settings.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort());
        settings.put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        settings.put("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0");
        settings.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        return settings;
    }

    /** The spans received so far of one trace. */
    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void export(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
                String service = attribute(resourceSpans.getResource(), "service.name");
                for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                    for (Span span : scopeSpans.getSpansList()) {
                        spans.add(received(service, span));
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    private static ReceivedSpan received(String service, Span span) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (KeyValue attribute : span.getAttributesList()) {
            attributes.put(attribute.getKey(), text(attribute));
        }
        HexFormat hex = HexFormat.of();
        return new ReceivedSpan(service, hex.formatHex(span.getTraceId().toByteArray()), hex.formatHex(span.getSpanId().toByteArray()),
                hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind(), attributes);
    }

    private static String attribute(Resource resource, String key) {
        return resource.getAttributesList().stream().filter(attribute -> attribute.getKey().equals(key))
                .map(OtlpReceiver::text).findFirst().orElse(null);
    }

    private static String text(KeyValue attribute) {
        var value = attribute.getValue();
        switch (value.getValueCase()) {
            case STRING_VALUE:
                return value.getStringValue();
            case INT_VALUE:
                return String.valueOf(value.getIntValue());
            case BOOL_VALUE:
                return String.valueOf(value.getBoolValue());
            case DOUBLE_VALUE:
                return String.valueOf(value.getDoubleValue());
            default:
                return value.toString();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
