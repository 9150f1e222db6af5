package io.partnerhub.platform.runtime.rest;

import io.partnerhub.platform.runtime.problem.ProblemException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Query parameters parsed by hand so a bad value is a 400 naming the parameter (JAX-RS would answer 404 for a
 * query parameter it cannot convert).
 */
public final class QueryParams {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private QueryParams() {
    }

    /** Repeatable enum values; each value may also hold a comma-separated list. */
    public static <E extends Enum<E>> List<E> enums(String field, List<String> values, Class<E> type) {
        List<E> result = new ArrayList<>();
        for (String value : split(values)) {
            try {
                E parsed = Enum.valueOf(type, value);
                if (!result.contains(parsed)) {
                    result.add(parsed);
                }
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                        .map(Enum::name).collect(Collectors.joining(", ")));
            }
        }
        return result;
    }

    public static List<UUID> uuids(String field, List<String> values) {
        List<UUID> result = new ArrayList<>();
        for (String value : split(values)) {
            try {
                result.add(UUID.fromString(value));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(field, "must be a UUID");
            }
        }
        return result;
    }

    public static List<String> strings(List<String> values) {
        return split(values);
    }

    /** {@code asOf=YYYY-MM-DD}, today (UTC) when absent. */
    public static LocalDate asOf(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return LocalDate.now(clock);
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("asOf", "must be a date YYYY-MM-DD");
        }
    }

    public static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static List<String> split(List<String> values) {
        List<String> result = new ArrayList<>();
        if (values == null) {
            return result;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    result.add(part.strip());
                }
            }
        }
        return result;
    }
}
