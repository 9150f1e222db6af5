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
 * The one parser of query parameters (dates, limits, whole numbers, enums, ids), so every service answers a bad
 * value alike: a 400 problem naming the parameter (JAX-RS would answer 404 for a query parameter it cannot convert).
 * Resources take query parameters as {@code String} and parse them here.
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

    /** {@link #enums} as the constants' names (for filters handed to SQL). */
    public static <E extends Enum<E>> List<String> enumNames(String field, List<String> values, Class<E> type) {
        return enums(field, values, type).stream().map(Enum::name).toList();
    }

    public static List<String> strings(List<String> values) {
        return split(values);
    }

    /** {@code true} or {@code false}, null when absent. */
    public static Boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        throw ProblemException.badRequest(field, "must be true or false");
    }

    /** {@code asOf=YYYY-MM-DD}, today (UTC) when absent. */
    public static LocalDate asOf(String value, Clock clock) {
        LocalDate date = date("asOf", value);
        return date == null ? LocalDate.now(clock) : date;
    }

    /** A date {@code YYYY-MM-DD}, null when absent. */
    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be a date YYYY-MM-DD");
        }
    }

    /** {@code limit}, the page size: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
    public static int limit(String value) {
        return wholeNumber("limit", value, DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    /** A whole number from {@code min} to {@code max}, {@code absent} when the parameter is absent. */
    public static int wholeNumber(String field, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest(field, "must be a whole number from " + min + " to " + max);
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
