package io.partnerhub.customers.rest;

import io.partnerhub.customers.service.PartnerService;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.core.security.Roles;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Records partner admins in the directory from their tokens, on their first call (and refreshes it every few
 * minutes, so a role changed in the identity provider shows up; {@link PartnerService#recordSignIn} decides whether
 * the token's role is newer than the directory's).
 */
public class AdminDirectoryFilter {

    private static final Logger LOG = Logger.getLogger(AdminDirectoryFilter.class);
    private static final long REFRESH_NANOS = Duration.ofMinutes(5).toNanos();

    private final CurrentIdentityAssociation identities;
    private final PartnerService partners;
    private final Map<String, Long> recentlySeen = new ConcurrentHashMap<>();

    public AdminDirectoryFilter(CurrentIdentityAssociation identities, PartnerService partners) {
        this.identities = identities;
        this.partners = partners;
    }

    @ServerRequestFilter
    public Uni<Void> record() {
        return identities.getDeferredIdentity().chain(identity -> {
            String role = adminRole(identity);
            if (role == null || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
                return Uni.createFrom().voidItem();
            }
            String partner = claim(jwt, Caller.PARTNER_CLAIM);
            String subject = jwt.getSubject();
            if (partner == null || subject == null) {
                return Uni.createFrom().voidItem();
            }
            String key = partner + '\u0000' + subject + '\u0000' + role;
            long now = System.nanoTime();
            Long seen = recentlySeen.get(key);
            if (seen != null && now - seen < REFRESH_NANOS) {
                return Uni.createFrom().voidItem();
            }
            String name = claim(jwt, "name") != null ? claim(jwt, "name") : claim(jwt, "preferred_username");
            return partners.recordSignIn(new Actor(partner, subject, false), claim(jwt, "email"), name, role, jwt.getIssuedAtTime())
                    .invoke(() -> recentlySeen.put(key, now))
                    .onFailure().recoverWithItem(failure -> {
                        // a concurrent first call recorded the same admin: nothing is lost
                        LOG.debugf("admin directory not updated: %s", failure.getMessage());
                        return null;
                    });
        });
    }

    static String adminRole(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return null;
        }
        for (String role : new String[] {Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN}) {
            if (identity.hasRole(role)) {
                return role;
            }
        }
        return null;
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value instanceof JsonString text) {
            return text.getString();
        }
        return value == null ? null : value.toString();
    }
}
