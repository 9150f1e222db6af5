package io.partnerhub.subscriptions.rest;

import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.rest.QueryParams;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

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

    /** Repeatable (or comma-separated) enum filter values, as names; 400 naming the parameter otherwise. */
    static <E extends Enum<E>> List<String> enums(List<String> values, Class<E> type, String name) {
        return QueryParams.enums(name, values, type).stream().map(Enum::name).toList();
    }

    static List<String> uuids(List<String> values, String name) {
        return QueryParams.uuids(name, values).stream().map(UUID::toString).toList();
    }
}
