package io.partnerhub.platform.runtime.security;

import io.partnerhub.platform.core.security.Roles;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the validated access token: tenant ({@code partner_org_id}), subject and roles.
 * Every query is scoped by {@link #partnerOrgId()}.
 */
@RequestScoped
public class Caller {

    public static final String PARTNER_CLAIM = "partner_org_id";

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller's partner; a token without one may do nothing. */
    public String partnerOrgId() {
        String partner = claim(PARTNER_CLAIM);
        if (partner == null || partner.isBlank()) {
            throw ProblemException.forbidden("The token carries no partner_org_id");
        }
        return partner;
    }

    /** The token subject: the admin's id in Partner Hub. */
    public String subject() {
        String sub = claim("sub");
        return sub != null ? sub : identity.getPrincipal().getName();
    }

    public String email() {
        return claim("email");
    }

    public String displayName() {
        String name = claim("name");
        return name != null ? name : claim("preferred_username");
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public Actor actor() {
        return new Actor(partnerOrgId(), subject(), seesAssignedCustomersOnly());
    }

    /** A partner admin sees only the customers assigned to them (or that they created). */
    public boolean seesAssignedCustomersOnly() {
        return hasRole(Roles.ADMIN) && !hasRole(Roles.FULL_ADMIN) && !hasRole(Roles.READ_ONLY_ADMIN);
    }

    private String claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object value = jwt.getClaim(name);
            if (value instanceof jakarta.json.JsonString text) {
                return text.getString();
            }
            return value == null ? null : value.toString();
        }
        return null;
    }
}
