package io.partnerhub.platform.security;

import io.quarkus.security.credential.Credential;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies each bearer token once. quarkus-oidc verifies a token (signature against the identity provider's keys,
 * issuer, audience, lifetime, {@code typ}); the identity it makes is remembered by the token's text until the token's
 * {@code exp}, and a later request with the same token gets that identity without verifying it again. Verification
 * was the largest cost of a read (JSON parsing and the RS256 signature on every request); a client sends the same
 * token for its whole lifetime. What is checked per request stays per request: access revocations (a demoted or
 * removed admin's token is refused by the revocation check, which reads the identity's {@code sub} and {@code iat}),
 * roles against the endpoint, the partner scope. A token that fails verification is never remembered.
 * {@code partnerhub.security.verified-tokens.max-entries} bounds the store (0 turns it off).
 */
@ApplicationScoped
public class KnownTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Tried before quarkus-oidc's provider (priority 1001): higher runs first. */
    static final int PRIORITY = 2000;

    private final VerifiedTokens<SecurityIdentity> tokens;

    public KnownTokenIdentityProvider(@ConfigProperty(name = "partnerhub.security.verified-tokens.max-entries", defaultValue = "5000") int maxEntries) {
        this.tokens = new VerifiedTokens<>(maxEntries, Clock.systemUTC());
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** The identity of a token verified before, bound to this request; nothing (the next provider verifies) otherwise. */
    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        SecurityIdentity known = tokens.find(request.getToken().getToken());
        if (known == null) {
            return Uni.createFrom().nullItem();
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder(known);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            identity.addAttribute(RoutingContext.class.getName(), routing);
            Object blockingApi = routing.get(AuthenticationRequestContext.class.getName());
            if (blockingApi != null) {
                identity.addAttribute(AuthenticationRequestContext.class.getName(), blockingApi);
            }
        }
        return Uni.createFrom().item(identity.build());
    }

    /** Remembers a token the moment quarkus-oidc has verified it, before any other augmentation. */
    void remember(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        String token = bearerToken(identity);
        if (token == null || tokens.find(token) != null) {
            return;
        }
        tokens.remember(token, withoutRequestState(identity), jwt.getExpirationTime());
    }

    /** Whether a request with this token is answered without verifying it again. */
    public boolean knows(String token) {
        return tokens.find(token) != null;
    }

    private static String bearerToken(SecurityIdentity identity) {
        for (Credential credential : identity.getCredentials()) {
            if (credential instanceof TokenCredential token) {
                return token.getToken();
            }
        }
        return null;
    }

    /** The identity without what belongs to the request that verified it (its routing and authentication contexts). */
    private static SecurityIdentity withoutRequestState(SecurityIdentity identity) {
        Map<String, Object> attributes = new HashMap<>();
        identity.getAttributes().forEach((name, value) -> {
            if (!(value instanceof RoutingContext) && !(value instanceof AuthenticationRequestContext)) {
                attributes.put(name, value);
            }
        });
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .addPermissions(identity.getPermissions())
                .addPermissionChecker(identity::checkPermission)
                .addAttributes(attributes)
                .build();
    }

    /** Sees quarkus-oidc's identity first (the highest augmentor priority), so the remembered one is not augmented. */
    @ApplicationScoped
    public static class Recorder implements SecurityIdentityAugmentor {

        private final KnownTokenIdentityProvider provider;

        public Recorder(KnownTokenIdentityProvider provider) {
            this.provider = provider;
        }

        @Override
        public int priority() {
            return Integer.MAX_VALUE;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            provider.remember(identity);
            return Uni.createFrom().item(identity);
        }
    }
}
