package io.partnerhub.platform.runtime.paging;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The {@code Link: <…>; rel="next"} header of a page, keeping every query parameter of the request. */
public final class PageLinks {

    private PageLinks() {
    }

    public static <T> Response ok(Page<T> page, UriInfo uri) {
        Response.ResponseBuilder builder = Response.ok(page);
        if (page.nextCursor() != null) {
            builder.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("cursor", page.nextCursor()).build() + ">; rel=\"next\"");
        }
        return builder.build();
    }
}
