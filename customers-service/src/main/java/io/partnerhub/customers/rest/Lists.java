package io.partnerhub.customers.rest;

import io.partnerhub.platform.runtime.paging.Cursor;
import io.partnerhub.platform.runtime.paging.Page;
import io.partnerhub.platform.runtime.paging.PageLinks;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Function;

/** The list convention: {@code {"items": [...], "nextCursor": ...}} with {@code Link: rel="next"}. */
final class Lists {

    private Lists() {
    }

    /** The {@code cursor} parameter: null when absent, a 400 naming {@code cursor} when not one of ours. */
    static Cursor cursor(String cursor, int values) {
        return cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor, values);
    }

    static <T, R> Response ok(Page<T> page, Function<T, R> toResponse, UriInfo uri) {
        return PageLinks.ok(new Page<>(page.items().stream().map(toResponse).toList(), page.nextCursor()), uri);
    }
}
