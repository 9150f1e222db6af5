package io.partnerhub.customers.identity;

import io.partnerhub.customers.config.IdentityConfig;
import io.partnerhub.platform.core.problem.Problem;
import io.partnerhub.platform.runtime.problem.ProblemMappers;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Keycloak unreachable while a request needs it: 503 problem+json with Retry-After, nothing written. */
public class IdentityProblems {

    private static final Logger LOG = Logger.getLogger(IdentityProblems.class);

    private final IdentityConfig config;

    public IdentityProblems(IdentityConfig config) {
        this.config = config;
    }

    @ServerExceptionMapper(priority = Priorities.USER - 1000)
    public Response unavailable(IdentityProviderUnavailable e) {
        LOG.warnf("identity provider unavailable: %s (%s)", e.getMessage(), e.getCause() == null ? "" : e.getCause().toString());
        return ProblemMappers.builder(Problem.of(503, Problem.titleFor(503),
                        "The identity provider cannot be reached; nothing was changed. Retry later."))
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(config.retryAfterSeconds()))
                .build();
    }
}
