package io.partnerhub.callingmetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A call record as JSON, built field by field for tests. */
public final class Cdr {

    private final String callId;
    private final String customerId;
    private final String userId;
    private final String startTime;
    private int durationSeconds = 60;
    private String direction = "OUTBOUND";
    private String endpointType = "WEBEX_APP_DESKTOP";
    private String mos;
    private String packetLossPct;
    private String jitterMs;
    private String latencyMs;
    private final List<String> features = new ArrayList<>();
    private String queue;

    private Cdr(String callId, String customerId, String userId, String startTime) {
        this.callId = callId;
        this.customerId = customerId;
        this.userId = userId;
        this.startTime = startTime;
    }

    public static Cdr call(String callId, String customerId, String userId, String startTime) {
        return new Cdr(callId, customerId, userId, startTime);
    }

    public Cdr seconds(int seconds) {
        this.durationSeconds = seconds;
        return this;
    }

    public Cdr inbound() {
        this.direction = "INBOUND";
        return this;
    }

    public Cdr endpoint(String type) {
        this.endpointType = type;
        return this;
    }

    public Cdr mos(String value) {
        this.mos = value;
        return this;
    }

    public Cdr loss(String value) {
        this.packetLossPct = value;
        return this;
    }

    public Cdr jitter(String value) {
        this.jitterMs = value;
        return this;
    }

    public Cdr latency(String value) {
        this.latencyMs = value;
        return this;
    }

    public Cdr features(String... names) {
        features.addAll(List.of(names));
        return this;
    }

    public Cdr queue(String queueId, String outcome, int waitSeconds) {
        this.queue = String.format(Locale.ROOT, "{\"queueId\":\"%s\",\"outcome\":\"%s\",\"waitSeconds\":%d}", queueId, outcome, waitSeconds);
        return this;
    }

    public String json() {
        StringBuilder json = new StringBuilder("{");
        json.append("\"callId\":\"").append(callId).append('"');
        json.append(",\"customerId\":\"").append(customerId).append('"');
        json.append(",\"userId\":\"").append(userId).append('"');
        json.append(",\"startTime\":\"").append(startTime).append('"');
        json.append(",\"durationSeconds\":").append(durationSeconds);
        json.append(",\"direction\":\"").append(direction).append('"');
        json.append(",\"endpointType\":\"").append(endpointType).append('"');
        number(json, "mos", mos);
        number(json, "packetLossPct", packetLossPct);
        number(json, "jitterMs", jitterMs);
        number(json, "latencyMs", latencyMs);
        json.append(",\"features\":[");
        for (int i = 0; i < features.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(features.get(i)).append('"');
        }
        json.append(']');
        if (queue != null) {
            json.append(",\"queue\":").append(queue);
        }
        return json.append('}').toString();
    }

    private static void number(StringBuilder json, String field, String value) {
        if (value != null) {
            json.append(",\"").append(field).append("\":").append(value);
        }
    }

    public static String array(List<Cdr> records) {
        return "[" + String.join(",", records.stream().map(Cdr::json).toList()) + "]";
    }

    public static String array(Cdr... records) {
        return array(List.of(records));
    }
}
