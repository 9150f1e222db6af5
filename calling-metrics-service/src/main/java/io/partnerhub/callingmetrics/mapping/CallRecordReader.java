package io.partnerhub.callingmetrics.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.callingmetrics.CallRecord;
import io.partnerhub.callingmetrics.Direction;
import io.partnerhub.callingmetrics.EndpointType;
import io.partnerhub.callingmetrics.Feature;
import io.partnerhub.callingmetrics.QueueOutcome;
import io.partnerhub.platform.runtime.problem.Problem.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.DateTimeException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads one CDR from JSON and validates it field by field, so a batch can answer per item
 * ({@code rejected[{index, errors}]}) instead of failing as a whole.
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

    private CallRecordReader() {
    }

    /** @param now records may start at most one day after it (clock skew), never in a far future */
    public static Result read(JsonNode node, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            return new Result(null, List.of(new FieldError("", "must be a call record object")));
        }
        String callId = id(node.get("callId"), "callId", errors);
        UUID customerId = uuid(node, "customerId", errors);
        UUID userId = uuid(node, "userId", errors);
        Instant startTime = instant(node, "startTime", now.plus(1, ChronoUnit.DAYS), errors);
        BigDecimal duration = number(node.get("durationSeconds"), "durationSeconds", true, BigDecimal.ZERO, MAX_DURATION, true, errors);
        Direction direction = enumValue(node.get("direction"), "direction", Direction.class, true, errors);
        EndpointType endpointType = enumValue(node.get("endpointType"), "endpointType", EndpointType.class, true, errors);
        BigDecimal mos = number(node.get("mos"), "mos", false, BigDecimal.ONE, BigDecimal.valueOf(5), false, errors);
        BigDecimal loss = number(node.get("packetLossPct"), "packetLossPct", false, BigDecimal.ZERO, BigDecimal.valueOf(100), false, errors);
        BigDecimal jitter = number(node.get("jitterMs"), "jitterMs", false, BigDecimal.ZERO, MAX_MS, false, errors);
        BigDecimal latency = number(node.get("latencyMs"), "latencyMs", false, BigDecimal.ZERO, MAX_MS, false, errors);
        Set<Feature> features = features(node, errors);
        CallRecord.Queue queue = queue(node, errors);
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        return new Result(new CallRecord(callId, customerId, userId, startTime, duration.intValueExact(), direction,
                endpointType, mos, loss, jitter, latency, features, queue), List.of());
    }

    private static String id(JsonNode value, String field, List<FieldError> errors) {
        if (missing(value)) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!value.isTextual() || !isId(value.asText())) {
            errors.add(new FieldError(field, "must be 1-64 characters [A-Za-z0-9._-]"));
            return null;
        }
        return value.asText();
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

    private static UUID uuid(JsonNode node, String field, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (missing(value)) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (value.isTextual() && value.asText().length() == 36) {
            try {
                return UUID.fromString(value.asText());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        errors.add(new FieldError(field, "must be a UUID"));
        return null;
    }

    private static Instant instant(JsonNode node, String field, Instant latest, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (missing(value)) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        Instant time;
        try {
            time = value.isTextual() ? Timestamps.parse(value.asText()) : null;
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

    private static BigDecimal number(JsonNode value, String field, boolean required, BigDecimal min, BigDecimal max,
                                     boolean integral, List<FieldError> errors) {
        if (missing(value)) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!value.isNumber() || (integral && !value.isIntegralNumber())) {
            errors.add(new FieldError(field, integral ? "must be a whole number" : "must be a number"));
            return null;
        }
        BigDecimal number = value.decimalValue();
        if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
            errors.add(new FieldError(field, "must be between " + min.toPlainString() + " and " + max.toPlainString()));
            return null;
        }
        return number;
    }

    private static <E extends Enum<E>> E enumValue(JsonNode value, String field, Class<E> type, boolean required,
                                                   List<FieldError> errors) {
        if (missing(value)) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (value.isTextual()) {
            E constant = constant(type, value.asText());
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

    private static Set<Feature> features(JsonNode node, List<FieldError> errors) {
        JsonNode value = node.get("features");
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        if (missing(value)) {
            return features;
        }
        if (!value.isArray()) {
            errors.add(new FieldError("features", "must be an array"));
            return features;
        }
        for (int i = 0; i < value.size(); i++) {
            Feature feature = enumValue(value.get(i), "features[" + i + "]", Feature.class, true, errors);
            if (feature != null) {
                features.add(feature);
            }
        }
        return features;
    }

    private static CallRecord.Queue queue(JsonNode node, List<FieldError> errors) {
        JsonNode value = node.get("queue");
        if (missing(value)) {
            return null;
        }
        if (!value.isObject()) {
            errors.add(new FieldError("queue", "must be an object {queueId, outcome, waitSeconds}"));
            return null;
        }
        String queueId = id(value.get("queueId"), "queue.queueId", errors);
        QueueOutcome outcome = enumValue(value.get("outcome"), "queue.outcome", QueueOutcome.class, true, errors);
        BigDecimal wait = number(value.get("waitSeconds"), "queue.waitSeconds", true, BigDecimal.ZERO, MAX_WAIT, false, errors);
        if (queueId == null || outcome == null || wait == null) {
            return null;
        }
        return new CallRecord.Queue(queueId, outcome, wait);
    }

    private static boolean missing(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }
}
