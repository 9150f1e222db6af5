package io.partnerhub.callingmetrics.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.callingmetrics.CallRecord;
import io.partnerhub.callingmetrics.Direction;
import io.partnerhub.callingmetrics.EndpointType;
import io.partnerhub.callingmetrics.Feature;
import io.partnerhub.callingmetrics.QueueOutcome;
import io.partnerhub.platform.core.problem.Problem.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.DateTimeException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads one CDR from JSON and validates it field by field, so a batch can answer per item
 * ({@code rejected[{index, errors}]}) instead of failing as a whole. It reads from a stream of tokens: a 10,000-record
 * request body is never held as a tree, and the fields the rules do not know are skipped unread.
 */
public final class CallRecordReader {

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final BigDecimal MAX_DURATION = BigDecimal.valueOf(7 * 24 * 3600);
    private static final BigDecimal MAX_MS = BigDecimal.valueOf(60_000);
    private static final BigDecimal MAX_WAIT = BigDecimal.valueOf(24 * 3600);

    /** A record, or why it is not one. */
    public record Result(CallRecord record, List<FieldError> errors) {
        public boolean valid() {
            return record != null;
        }
    }

    /**
     * A JSON value as the rules see it: its token, with the text of a string, the number of a number, the elements of
     * the {@code features} array and the fields of the {@code queue} object (deeper values keep only their token).
     */
    private record Value(JsonToken token, String text, BigDecimal number, List<Value> elements, Map<String, Value> fields) {

        static final Value NULL = new Value(JsonToken.VALUE_NULL, null, null, null, null);

        /** An array with more than {@link #MAX_FEATURES} elements: the rest were skipped unread. */
        static final Value TOO_LONG = new Value(JsonToken.START_ARRAY, null, null, null, null);

        boolean missing() {
            return token == JsonToken.VALUE_NULL;
        }

        boolean isText() {
            return token == JsonToken.VALUE_STRING;
        }

        boolean isNumber() {
            return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
        }

        boolean isWholeNumber() {
            return token == JsonToken.VALUE_NUMBER_INT;
        }
    }

    private static final String[] FIELDS = {"callId", "customerId", "userId", "startTime", "durationSeconds", "direction",
            "endpointType", "mos", "packetLossPct", "jitterMs", "latencyMs", "features", "queue"};
    private static final int CALL_ID = 0, CUSTOMER_ID = 1, USER_ID = 2, START_TIME = 3, DURATION = 4, DIRECTION = 5,
            ENDPOINT_TYPE = 6, MOS = 7, PACKET_LOSS = 8, JITTER = 9, LATENCY = 10, FEATURES = 11, QUEUE = 12;
    private static final Set<String> QUEUE_FIELDS = Set.of("queueId", "outcome", "waitSeconds");

    /** Each feature at most once would be nine; repeats are allowed, a hostile array of millions is not. */
    static final int MAX_FEATURES = 64;

    private static final Map<String, Integer> FIELD_INDEX = IntStream.range(0, FIELDS.length).boxed()
            .collect(Collectors.toUnmodifiableMap(i -> FIELDS[i], i -> i));

    private CallRecordReader() {
    }

    /** Reads a record held as a tree (a CloudEvent's {@code data}). */
    public static Result read(JsonNode node, Instant now) {
        if (node == null) {
            return notAnObject();
        }
        try (JsonParser parser = node.traverse()) {
            parser.nextToken();
            return read(parser, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a tree is read from memory: never happens
        }
    }

    /**
     * Reads the value at the parser's current token and leaves the parser on its last token (as
     * {@link JsonParser#skipChildren} does), so the caller's {@code nextToken} moves to what follows.
     *
     * @param now records may start at most one day after it (clock skew), never in a far future
     * @throws IOException if the JSON is not well-formed (the whole input is unusable, not just this record)
     */
    public static Result read(JsonParser parser, Instant now) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return notAnObject();
        }
        Value[] fields = new Value[FIELDS.length];
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            Integer field = FIELD_INDEX.get(parser.currentName());
            parser.nextToken();
            if (field == null) {
                parser.skipChildren(); // not a field of a call record: ignored
            } else {
                fields[field] = value(parser, field == FEATURES || field == QUEUE);
            }
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null) {
                fields[i] = Value.NULL;
            }
        }
        return validate(fields, now);
    }

    private static Result notAnObject() {
        return new Result(null, List.of(new FieldError("", "must be a call record object")));
    }

    /** The value at the current token; with {@code nested}, one level of array elements or object fields too. */
    private static Value value(JsonParser parser, boolean nested) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case VALUE_STRING:
                return new Value(token, parser.getText(), null, null, null);
            case VALUE_NUMBER_INT:
                return new Value(token, null, parser.getNumberType() == JsonParser.NumberType.INT
                        ? BigDecimal.valueOf(parser.getIntValue()) : parser.getDecimalValue(), null, null);
            case VALUE_NUMBER_FLOAT:
                return new Value(token, null, parser.getDecimalValue(), null, null);
            case START_ARRAY:
                if (!nested) {
                    parser.skipChildren();
                    return new Value(token, null, null, null, null);
                }
                List<Value> elements = new ArrayList<>(2);
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (elements.size() == MAX_FEATURES) {
                        parser.skipChildren();
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            parser.skipChildren();
                        }
                        return Value.TOO_LONG;
                    }
                    elements.add(value(parser, false));
                }
                return new Value(token, null, null, elements, null);
            case START_OBJECT:
                if (!nested) {
                    parser.skipChildren();
                    return new Value(token, null, null, null, null);
                }
                Map<String, Value> fields = new HashMap<>(4);
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (QUEUE_FIELDS.contains(name)) {
                        fields.put(name, value(parser, false));
                    } else {
                        parser.skipChildren(); // not a field of a queue: ignored
                    }
                }
                return new Value(token, null, null, null, fields);
            default:
                return new Value(token, null, null, null, null); // true, false, null
        }
    }

    private static Result validate(Value[] node, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String callId = id(node[CALL_ID], "callId", errors);
        UUID customerId = uuid(node[CUSTOMER_ID], "customerId", errors);
        UUID userId = uuid(node[USER_ID], "userId", errors);
        Instant startTime = instant(node[START_TIME], "startTime", now.plus(1, ChronoUnit.DAYS), errors);
        BigDecimal duration = number(node[DURATION], "durationSeconds", true, BigDecimal.ZERO, MAX_DURATION, true, errors);
        Direction direction = enumValue(node[DIRECTION], "direction", Direction.class, true, errors);
        EndpointType endpointType = enumValue(node[ENDPOINT_TYPE], "endpointType", EndpointType.class, true, errors);
        BigDecimal mos = number(node[MOS], "mos", false, BigDecimal.ONE, BigDecimal.valueOf(5), false, errors);
        BigDecimal loss = number(node[PACKET_LOSS], "packetLossPct", false, BigDecimal.ZERO, BigDecimal.valueOf(100), false, errors);
        BigDecimal jitter = number(node[JITTER], "jitterMs", false, BigDecimal.ZERO, MAX_MS, false, errors);
        BigDecimal latency = number(node[LATENCY], "latencyMs", false, BigDecimal.ZERO, MAX_MS, false, errors);
        Set<Feature> features = features(node[FEATURES], errors);
        CallRecord.Queue queue = queue(node[QUEUE], errors);
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        return new Result(new CallRecord(callId, customerId, userId, startTime, duration.intValueExact(), direction,
                endpointType, mos, loss, jitter, latency, features, queue), List.of());
    }

    private static String id(Value value, String field, List<FieldError> errors) {
        if (value.missing()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!value.isText() || !isId(value.text())) {
            errors.add(new FieldError(field, "must be 1-64 characters [A-Za-z0-9._-]"));
            return null;
        }
        return value.text();
    }

    /** 1-64 characters of [A-Za-z0-9._-] (a loop: the regex was a visible cost at 10,000 records per call). */
    private static boolean isId(String text) {
        if (text.isEmpty() || text.length() > 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static UUID uuid(Value value, String field, List<FieldError> errors) {
        if (value.missing()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (value.isText() && value.text().length() == 36) {
            try {
                return UUID.fromString(value.text());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        errors.add(new FieldError(field, "must be a UUID"));
        return null;
    }

    private static Instant instant(Value value, String field, Instant latest, List<FieldError> errors) {
        if (value.missing()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        Instant time;
        try {
            time = value.isText() ? Timestamps.parse(value.text()) : null;
        } catch (DateTimeException e) {
            time = null;
        }
        if (time == null) {
            errors.add(new FieldError(field, "must be an ISO-8601 timestamp with offset, e.g. 2026-11-25T10:00:00Z"));
            return null;
        }
        if (time.isBefore(EARLIEST) || time.isAfter(latest)) {
            errors.add(new FieldError(field, "must be between 2000-01-01 and now"));
            return null;
        }
        return time;
    }

    private static BigDecimal number(Value value, String field, boolean required, BigDecimal min, BigDecimal max,
                                     boolean integral, List<FieldError> errors) {
        if (value.missing()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!value.isNumber() || (integral && !value.isWholeNumber())) {
            errors.add(new FieldError(field, integral ? "must be a whole number" : "must be a number"));
            return null;
        }
        BigDecimal number = value.number();
        if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
            errors.add(new FieldError(field, "must be between " + min.toPlainString() + " and " + max.toPlainString()));
            return null;
        }
        return number;
    }

    private static <E extends Enum<E>> E enumValue(Value value, String field, Class<E> type, boolean required,
                                                   List<FieldError> errors) {
        if (value.missing()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (value.isText()) {
            E constant = constant(type, value.text());
            if (constant != null) {
                return constant;
            }
        }
        errors.add(new FieldError(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", "))));
        return null;
    }

    private static final Map<Class<?>, Map<String, Enum<?>>> CONSTANTS = Map.of(
            Direction.class, byName(Direction.values()), EndpointType.class, byName(EndpointType.values()),
            Feature.class, byName(Feature.values()), QueueOutcome.class, byName(QueueOutcome.values()));

    private static Map<String, Enum<?>> byName(Enum<?>[] constants) {
        return Arrays.stream(constants).collect(Collectors.toUnmodifiableMap(Enum::name, constant -> constant));
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        return type.cast(CONSTANTS.get(type).get(name));
    }

    private static Set<Feature> features(Value value, List<FieldError> errors) {
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        if (value.missing()) {
            return features;
        }
        if (value.token() != JsonToken.START_ARRAY) {
            errors.add(new FieldError("features", "must be an array"));
            return features;
        }
        if (value == Value.TOO_LONG) {
            errors.add(new FieldError("features", "must hold at most " + MAX_FEATURES + " entries"));
            return features;
        }
        for (int i = 0; i < value.elements().size(); i++) {
            Feature feature = enumValue(value.elements().get(i), "features[" + i + "]", Feature.class, true, errors);
            if (feature != null) {
                features.add(feature);
            }
        }
        return features;
    }

    private static CallRecord.Queue queue(Value value, List<FieldError> errors) {
        if (value.missing()) {
            return null;
        }
        if (value.token() != JsonToken.START_OBJECT) {
            errors.add(new FieldError("queue", "must be an object {queueId, outcome, waitSeconds}"));
            return null;
        }
        String queueId = id(value.fields().getOrDefault("queueId", Value.NULL), "queue.queueId", errors);
        QueueOutcome outcome = enumValue(value.fields().getOrDefault("outcome", Value.NULL), "queue.outcome", QueueOutcome.class, true, errors);
        BigDecimal wait = number(value.fields().getOrDefault("waitSeconds", Value.NULL), "queue.waitSeconds", true,
                BigDecimal.ZERO, MAX_WAIT, false, errors);
        if (queueId == null || outcome == null || wait == null) {
            return null;
        }
        return new CallRecord.Queue(queueId, outcome, wait);
    }
}
