package io.partnerhub.subscriptions.rest;

import io.partnerhub.platform.runtime.problem.ProblemException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Path and query parameters: a malformed id names nothing (404); a malformed filter is a 400. */
final class Params {

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile(OrderRequest.ID);

    private Params() {
    }

    static String externalId(String id, String what) {
        if (id == null || id.isEmpty() || id.length() > 64 || !ID.matcher(id).matches()) {
            throw ProblemException.notFound(what);
        }
        return id;
    }

    static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what);
        }
    }

    static LocalDate date(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be a date YYYY-MM-DD");
        }
    }

    static <E extends Enum<E>> List<String> enums(List<String> values, Class<E> type, String name) {
        for (String v : values) {
            try {
                Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(name, "must be one of "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
            }
        }
        return List.copyOf(values);
    }

    static List<String> uuids(List<String> values, String name) {
        for (String v : values) {
            try {
                UUID.fromString(v);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(name, "must be a UUID");
            }
        }
        return values.stream().map(v -> UUID.fromString(v).toString()).toList();
    }
}
