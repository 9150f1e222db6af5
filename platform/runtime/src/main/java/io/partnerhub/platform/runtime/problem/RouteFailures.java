package io.partnerhub.platform.runtime.problem;

import io.partnerhub.platform.core.problem.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.partnerhub.platform.runtime.rest.RequestIds;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.runtime.configuration.MemorySize;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Failures that never reach a REST resource (body too large, authentication at the HTTP layer, no route)
 * also answer problem+json.
 */
@ApplicationScoped
public class RouteFailures {

    private final long maxBodyBytes;
    private final long bulkMaxBodyBytes;
    private final java.util.Set<String> bulkPaths;

    public RouteFailures(@ConfigProperty(name = "partnerhub.http.max-body-size") MemorySize maxBodySize,
                         @ConfigProperty(name = "partnerhub.http.bulk-max-body-size") MemorySize bulkMaxBodySize,
                         @ConfigProperty(name = "partnerhub.http.bulk-paths") java.util.List<String> bulkPaths) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.bulkMaxBodyBytes = bulkMaxBodySize.asLongValue();
        this.bulkPaths = java.util.Set.copyOf(bulkPaths);
    }

    void install(@Observes Router router) {
        // A declared length over the limit is refused before the body is read, as problem+json.
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            boolean bulk = bulkPaths.contains(context.request().path());
            long limit = bulk ? bulkMaxBodyBytes : maxBodyBytes;
            if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                    && Long.parseLong(length) > limit) {
                context.response().setStatusCode(413)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(Json.encode(Problem.of(413, Problem.titleFor(413),
                                "The request body is larger than " + (bulk ? "16 MiB" : "1 MiB"))
                                .at(context.request().path(), RequestIds.of(context))));
                return;
            }
            context.next();
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.response().headWritten()) {
                context.next();
                return;
            }
            Throwable failure = context.failure();
            int status = context.statusCode() > 0 ? context.statusCode() : 500;
            if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
                status = 401;
                context.response().putHeader("WWW-Authenticate", "Bearer");
            } else if (status == 500 && failure != null && Unavailable.is(failure)) {
                status = 503;
                context.response().putHeader("Retry-After", String.valueOf(Unavailable.RETRY_AFTER_SECONDS));
            }
            String detail = switch (status) {
                case 401 -> "A valid bearer token is required";
                case 413 -> "The request body is larger than 1 MiB";
                case 404 -> "No resource exists at this path";
                case 503 -> Unavailable.DETAIL;
                default -> status >= 500 ? "The server could not complete the request" : "The request cannot be processed";
            };
            context.response().setStatusCode(status)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader(RequestIds.HEADER, RequestIds.of(context))
                    .end(Json.encode(Problem.of(status, Problem.titleFor(status), detail)
                            .at(context.request().path(), RequestIds.of(context))));
        });
    }
}
