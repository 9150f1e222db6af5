package io.partnerhub.customers.repository;

import io.partnerhub.platform.runtime.paging.Cursor;
import io.partnerhub.platform.runtime.paging.Page;
import java.util.List;
import java.util.function.Function;

/** A page from the rows of a keyset query that asked for one row more than the page holds. */
public final class Keyset {

    private Keyset() {
    }

    /**
     * @param rows     at most {@code limit + 1} rows in list order
     * @param limit    the page size; null = the rows are the whole list (CSV), no next page
     * @param cursorOf the cursor after a row: its sort key values, the id last
     */
    public static <T> Page<T> page(List<T> rows, Integer limit, Function<T, Cursor> cursorOf) {
        if (limit == null || rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, cursorOf.apply(items.get(limit - 1)).encode());
    }
}
