package io.partnerhub.callingmetrics.service;

import io.partnerhub.platform.runtime.paging.Cursor;
import io.partnerhub.platform.runtime.problem.ProblemException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset pages of the per-customer tables, ordered by customer name (case-insensitive, unknown names last), then
 * customer id. The cursor is the (name, id) of the last row: the next page starts strictly after it.
 */
public record CustomerTablePage(int limit, String cursor) {

    /** Every row (CSV exports the whole table). */
    public static final CustomerTablePage ALL = new CustomerTablePage(Integer.MAX_VALUE, null);

    static final Comparator<String[]> ORDER = Comparator
            .comparing((String[] key) -> key[0], Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER))
            .thenComparing((String[] key) -> key[0], Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(key -> key[1]);

    public record Result<T>(List<T> items, String nextCursor) {
    }

    /** @param limit the page size, as checked by {@code QueryParams.limit} */
    public static CustomerTablePage of(int limit, String cursor) {
        return new CustomerTablePage(limit, cursor == null || cursor.isBlank() ? null : cursor);
    }

    /** Sorts {@code rows} and cuts this page out of them. */
    public <T> Result<T> apply(List<T> rows, Function<T, String> name, Function<T, String> id) {
        List<T> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((T row) -> new String[] {name.apply(row), id.apply(row)}, ORDER));
        String[] after = cursor == null ? null : decode(cursor);
        List<T> page = new ArrayList<>();
        T last = null;
        boolean more = false;
        for (T row : sorted) {
            if (after != null && ORDER.compare(new String[] {name.apply(row), id.apply(row)}, after) <= 0) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(row);
            last = row;
        }
        String next = more ? encode(name.apply(last), id.apply(last)) : null;
        return new Result<>(page, next);
    }

    private static String encode(String name, String id) {
        // "-" marks an unknown name (sorted last), "+" a known one
        return Cursor.of(name == null ? "-" : "+" + name, id).encode();
    }

    private static String[] decode(String cursor) {
        Cursor decoded = Cursor.decode(cursor, 2);
        String name = decoded.value(0);
        if (name.isEmpty() || (name.charAt(0) != '-' && name.charAt(0) != '+')) {
            throw ProblemException.badRequest("cursor", "is not a cursor of this list");
        }
        return new String[] {name.charAt(0) == '-' ? null : name.substring(1), decoded.value(1)};
    }
}
