package io.partnerhub.callingmetrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

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
    private ObjectNode queue;

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
        this.queue = Json.object().put("queueId", queueId).put("outcome", outcome).put("waitSeconds", waitSeconds);
        return this;
    }

    /** The record as a JSON object; measures are numbers written as given. */
    public ObjectNode tree() {
        ObjectNode json = Json.object()
                .put("callId", callId)
                .put("customerId", customerId)
                .put("userId", userId)
                .put("startTime", startTime)
                .put("durationSeconds", durationSeconds)
                .put("direction", direction)
                .put("endpointType", endpointType);
        number(json, "mos", mos);
        number(json, "packetLossPct", packetLossPct);
        number(json, "jitterMs", jitterMs);
        number(json, "latencyMs", latencyMs);
        ArrayNode names = json.putArray("features");
        features.forEach(names::add);
        if (queue != null) {
            json.set("queue", queue.deepCopy());
        }
        return json;
    }

    public String json() {
        return tree().toString();
    }

    private static void number(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, new BigDecimal(value));
        }
    }

    public static String array(List<Cdr> records) {
        ArrayNode array = Json.array();
        records.forEach(record -> array.add(record.tree()));
        return array.toString();
    }

    public static String array(Cdr... records) {
        return array(List.of(records));
    }
}
