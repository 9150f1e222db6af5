package io.partnerhub.analytics.service;

import io.partnerhub.platform.runtime.paging.Cursor;
import io.partnerhub.platform.runtime.problem.ProblemException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Which rows of a table to answer: a keyset page ({@code limit} rows after the cursor, the table's sort value and
 * the subscription id of the last row before) or the whole table (CSV).
 *
 * @param limit null for the whole table
 */
public record TablePage(Integer limit, Cursor after) {

    public static final TablePage ALL = new TablePage(null, null);

    public static TablePage of(int limit, String cursor) {
        return new TablePage(limit, cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor, 2));
    }

    /** One row more than the page, so the answer knows whether a next page exists. */
    Integer fetch() {
        return limit == null ? null : limit + 1;
    }

    LocalDate afterDate() {
        if (after == null) {
            return null;
        }
        try {
            return LocalDate.parse(after.value(0));
        } catch (DateTimeParseException e) {
            throw notOurs();
        }
    }

    BigDecimal afterKey() {
        if (after == null) {
            return null;
        }
        try {
            return new BigDecimal(after.value(0));
        } catch (NumberFormatException e) {
            throw notOurs();
        }
    }

    String afterId() {
        return after == null ? null : after.value(1);
    }

    /** The rows of the page, and the cursor after its last row when more rows follow. */
    <T> Cut<T> cut(List<T> fetched, java.util.function.Function<T, Cursor> cursorOf) {
        if (limit == null || fetched.size() <= limit) {
            return new Cut<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Cut<>(items, cursorOf.apply(items.get(limit - 1)).encode());
    }

    record Cut<T>(List<T> items, String nextCursor) {
    }

    private static ProblemException notOurs() {
        return ProblemException.badRequest("cursor", "is not a cursor of this list");
    }
}
