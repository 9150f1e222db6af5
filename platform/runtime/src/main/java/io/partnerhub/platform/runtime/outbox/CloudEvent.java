package io.partnerhub.platform.runtime.outbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A CloudEvents 1.0 envelope in structured mode, as docs/events.md defines it. {@code traceparent} and {@code tracestate}
 * are the CloudEvents distributed-tracing extension: the W3C trace context of the change the event describes,
 * present only when tracing is on.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
                         String datacontenttype, String partnerorgid, JsonNode data,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String tracestate) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** An envelope without trace context. */
    public CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
                      String datacontenttype, String partnerorgid, JsonNode data) {
        this(specversion, id, source, type, subject, time, datacontenttype, partnerorgid, data, null, null);
    }
}
