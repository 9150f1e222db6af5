package io.partnerhub.platform.runtime.security;

import io.partnerhub.platform.core.problem.Problem;
import io.partnerhub.platform.runtime.problem.ProblemMappers;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a token issued before its admin's access changed (a demotion or removal, learnt by {@link Revocations}):
 * 401 problem+json with {@code WWW-Authenticate: Bearer error="invalid_token"}. It authenticates the request first
 * and runs before the resource is matched, so before any role check and any other filter (the admin directory never
 * sees such a token). A request that does not authenticate is left to the usual handling.
 */
public class RevokedTokenFilter {

    public static final String DETAIL = "This token was issued before the admin's access changed; sign in again";

    private final CurrentIdentityAssociation identities;
    private final Revocations revocations;

    public RevokedTokenFilter(CurrentIdentityAssociation identities, Revocations revocations) {
        this.identities = identities;
        this.revocations = revocations;
    }

    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Uni<Response> refuseRevoked(HttpHeaders headers) {
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token
                        && revocations.revoked(token) ? revokedAnswer() : null)
                // a token that does not authenticate fails the request where it always did
                .onFailure().recoverWithNull();
    }

    static Response revokedAnswer() {
        return ProblemMappers.builder(Problem.of(401, "Unauthorized", DETAIL))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build();
    }
}
