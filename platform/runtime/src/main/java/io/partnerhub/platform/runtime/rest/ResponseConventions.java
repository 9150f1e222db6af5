package io.partnerhub.platform.runtime.rest;

import io.partnerhub.platform.core.problem.Problem;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What every answer of every resource does the same way: a problem names the request it answers
 * ({@code instance}, {@code requestId}), and a {@code GET} whose {@code If-None-Match} holds the current
 * {@code ETag} is answered {@code 304} without a body.
 */
public class ResponseConventions {

    @ServerResponseFilter
    public void conventions(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && problem.instance() == null) {
            response.setEntity(problem.at(request.getUriInfo().getRequestUri().getRawPath(),
                    RequestIds.ofHeader(request.getHeaderString(RequestIds.HEADER))));
            return;
        }
        if (response.getStatus() == 200 && isRead(request.getMethod())) {
            Object etag = response.getHeaders().getFirst(HttpHeaders.ETAG);
            String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
            if (etag != null && ifNoneMatch != null && matches(ifNoneMatch, headerValue(etag))) {
                response.setStatusInfo(Response.Status.NOT_MODIFIED);
                response.setEntity(null);
            }
        }
    }

    private static String headerValue(Object etag) {
        if (etag instanceof EntityTag tag) {
            return (tag.isWeak() ? "W/" : "") + '"' + tag.getValue() + '"';
        }
        return etag.toString();
    }

    private static boolean isRead(String method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    }

    /** RFC 9110 weak comparison: {@code *}, or any listed tag equal to the current one ignoring {@code W/}. */
    static boolean matches(String ifNoneMatch, String etag) {
        String current = opaque(etag);
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .anyMatch(tag -> tag.equals("*") || opaque(tag).equals(current));
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
