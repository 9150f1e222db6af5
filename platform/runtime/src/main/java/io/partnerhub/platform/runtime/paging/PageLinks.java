package io.partnerhub.platform.runtime.paging;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The {@code Link: <…>; rel="next"} header of a page, keeping every query parameter of the request. */
public final class PageLinks {

    private PageLinks() {
    }

    public static <T> Response ok(Page<T> page, UriInfo uri) {
        return next(Response.ok(page), uri, page.nextCursor()).build();
    }

    /** Adds the next page's link to an answer whose body carries {@code nextCursor} (nothing on the last page). */
    public static Response.ResponseBuilder next(Response.ResponseBuilder answer, UriInfo uri, String nextCursor) {
        if (nextCursor != null) {
            answer.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("cursor", nextCursor).build() + ">; rel=\"next\"");
        }
        return answer;
    }
}
