package io.partnerhub.callingmetrics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.callingmetrics.mapping.CallRecordReader;
import io.partnerhub.platform.core.problem.Problem.FieldError;
import io.partnerhub.platform.devstack.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallRecordReaderTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String CUSTOMER = UUID.randomUUID().toString();
    static final String USER = UUID.randomUUID().toString();

    static CallRecordReader.Result read(String json) throws Exception {
        return CallRecordReader.read(JSON.readTree(json), NOW);
    }

    @Test
    void aFullRecordIsReadWithItsWeekPoorFlagAndFeatureBits() throws Exception {
        CallRecordReader.Result result = read(Cdr.call("c-1.x_Y", CUSTOMER, USER, "2026-11-21T23:59:59Z").seconds(42).inbound()
                .endpoint("IP_PHONE").mos("3.4").loss("0").jitter("10").latency("20").features("TRANSFER")
                .queue("q-1", "VOICEMAIL", 12).json());
        assertTrue(result.valid(), () -> result.errors().toString());
        CallRecord record = result.record();
        assertEquals(LocalDate.parse("2026-11-15"), record.weekStart());
        assertTrue(record.poor());
        assertEquals(Direction.INBOUND, record.direction());
        assertEquals(EndpointType.IP_PHONE, record.endpointType());
        assertEquals(EnumSet.of(Feature.TRANSFER), record.features());
        assertEquals(Feature.CALL_QUEUE.bit() | Feature.TRANSFER.bit(), record.featureMask());
        assertEquals(new CallRecord.Queue("q-1", QueueOutcome.VOICEMAIL, new BigDecimal("12")), record.queue());
    }

    @Test
    void optionalMeasuresMayBeMissingOrNull() throws Exception {
        CallRecordReader.Result result = read(Json.object().put("callId", "c").put("customerId", CUSTOMER).put("userId", USER)
                .put("startTime", "2026-11-20T10:00:00+09:00").put("durationSeconds", 0).put("direction", "OUTBOUND")
                .put("endpointType", "OTHER").putNull("mos").toString());
        assertTrue(result.valid(), () -> result.errors().toString());
        assertNull(result.record().mos());
        assertFalse(result.record().poor());
        assertEquals(Instant.parse("2026-11-20T01:00:00Z"), result.record().startTime());
    }

    @Test
    void everyBadFieldIsNamed() throws Exception {
        ObjectNode bad = Json.object().put("callId", "x".repeat(65)).put("userId", "not-a-uuid").put("startTime", "2026-11-20")
                .put("durationSeconds", 1.5).put("direction", "OUTBOUND").put("endpointType", "FAX").put("packetLossPct", 101)
                .put("jitterMs", "high").put("features", "CONFERENCE");
        bad.putObject("queue").put("outcome", "ANSWERED");
        CallRecordReader.Result result = read(bad.toString());
        assertFalse(result.valid());
        assertEquals(java.util.List.of("callId", "customerId", "userId", "startTime", "durationSeconds", "endpointType",
                        "packetLossPct", "jitterMs", "features", "queue.queueId", "queue.waitSeconds"),
                result.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void recordsAreReadOneAfterAnotherFromAStreamOfTokens() throws Exception {
        // an unknown field first, holding a field named like a known one; then a string and an incomplete record
        ObjectNode first = Json.object();
        first.putObject("site").putArray("floors").add(1).addObject().put("callId", "not-this");
        first.setAll(Cdr.call("a", CUSTOMER, USER, "2026-11-20T10:00:00Z").tree());
        ArrayNode stream = Json.array().add(first).add("text");
        stream.addObject().put("callId", "b");
        try (JsonParser parser = JSON.createParser(stream.toString())) {
            parser.nextToken();
            List<CallRecordReader.Result> results = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                results.add(CallRecordReader.read(parser, NOW));
            }
            assertEquals(3, results.size());
            assertEquals("a", results.get(0).record().callId());
            assertEquals(List.of(new FieldError("", "must be a call record object")), results.get(1).errors());
            assertEquals(List.of("customerId", "userId", "startTime", "durationSeconds", "direction", "endpointType"),
                    results.get(2).errors().stream().map(FieldError::field).toList());
        }
    }

    @Test
    void featuresHoldAtMost64EntriesAndALongerArrayIsOneErrorNotOnePerEntry() throws Exception {
        Cdr call = Cdr.call("c", CUSTOMER, USER, "2026-11-20T10:00:00Z");
        CallRecordReader.Result ok = read(call.features(java.util.Collections.nCopies(64, "TRANSFER").toArray(String[]::new)).json());
        assertTrue(ok.valid(), () -> ok.errors().toString());
        assertEquals(EnumSet.of(Feature.TRANSFER), ok.record().features());
        String million = String.join(",", java.util.Collections.nCopies(1_000_000, "[\"x\"]"));
        try (JsonParser parser = JSON.createParser(call.json().replace("\"features\":[", "\"features\":[" + million + ","))) {
            parser.nextToken();
            assertEquals(List.of(new FieldError("features", "must hold at most 64 entries")),
                    CallRecordReader.read(parser, NOW).errors());
            assertEquals(null, parser.nextToken()); // the record was read to its end
        }
    }

    @Test
    void unknownFieldsOfTheQueueAreIgnored() throws Exception {
        CallRecordReader.Result result = read(Cdr.call("c", CUSTOMER, USER, "2026-11-20T10:00:00Z").json().replaceFirst("\\{",
                "{\"queue\":{\"site\":{\"x\":[1]},\"queueId\":\"q-1\",\"outcome\":\"ABANDONED\",\"waitSeconds\":7.5},"));
        assertTrue(result.valid(), () -> result.errors().toString());
        assertEquals(new CallRecord.Queue("q-1", QueueOutcome.ABANDONED, new BigDecimal("7.5")), result.record().queue());
    }

    @Test
    void aRecordStartingMoreThanADayAheadIsRejected() throws Exception {
        assertFalse(read(Cdr.call("c", CUSTOMER, USER, "2026-11-26T12:00:01Z").json()).valid());
        assertTrue(read(Cdr.call("c", CUSTOMER, USER, "2026-11-26T12:00:00Z").json()).valid());
    }
}
