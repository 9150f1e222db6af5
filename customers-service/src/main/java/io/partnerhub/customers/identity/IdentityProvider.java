package io.partnerhub.customers.identity;

import io.partnerhub.customers.config.IdentityConfig;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.core.security.Roles;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RoleScopeResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The partner admins' accounts in Keycloak, through its Admin REST API as the service account of client
 * {@code partner-hub-customers-service} (realm-management roles view-users and manage-users only). The admin client is
 * blocking: {@link #user} runs it on a worker thread and answers on the caller's Vert.x context; {@link #apply} is for
 * worker threads only. The extension's {@code Keycloak} bean is request scoped (one client and service-account token
 * per request): {@link #apply} activates a request context of its own.
 */
@ApplicationScoped
public class IdentityProvider {

    /** The three admin realm roles; an admin has exactly one of them, a removed admin none. */
    public static final List<String> ADMIN_ROLES = List.of(Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN);

    /** A Keycloak user as the directory needs it. */
    public record User(String id, String partnerOrgId, String email, String displayName) {
    }

    private final Keycloak keycloak;
    private final String realm;

    public IdentityProvider(Keycloak keycloak, IdentityConfig config) {
        this.keycloak = keycloak;
        this.realm = config.realm();
    }

    /**
     * The user with this id, empty when Keycloak has none; fails with {@link IdentityProviderUnavailable} when Keycloak
     * cannot answer.
     */
    public Uni<Optional<User>> user(String id) {
        Context context = Vertx.currentContext();
        Uni<Optional<User>> lookup = Uni.createFrom().item(() -> findUser(id))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? lookup : lookup.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /** Blocking: the user, or empty. */
    public Optional<User> findUser(String id) {
        try {
            UserRepresentation user = users(id).toRepresentation();
            return Optional.of(new User(user.getId(), attribute(user, Caller.PARTNER_CLAIM), user.getEmail(), displayName(user)));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw new IdentityProviderUnavailable("Keycloak answered " + (e.getResponse() == null ? "an error" : e.getResponse().getStatus())
                    + " for user " + id, e);
        } catch (RuntimeException e) {
            throw new IdentityProviderUnavailable("Keycloak did not answer for user " + id, e);
        }
    }

    /**
     * Blocking: gives the user exactly {@code role} of the admin realm roles (none when null), keeping their other
     * realm roles, and ends all their sessions when {@code endSessions}. Idempotent.
     *
     * @return false when Keycloak has no such user of that partner (nothing to change)
     * @throws IdentityProviderUnavailable when Keycloak failed; nothing or part of it may be applied (apply again)
     */
    @ActivateRequestContext // the extension's Keycloak client is request scoped; the worker has no request
    public boolean apply(String partnerOrgId, String userId, String role, boolean endSessions) {
        try {
            Optional<User> user = findUser(userId);
            if (user.isEmpty() || !partnerOrgId.equals(user.get().partnerOrgId())) {
                return false;
            }
            UserResource resource = users(userId);
            RoleScopeResource realmRoles = resource.roles().realmLevel();
            List<RoleRepresentation> mapped = realmRoles.listAll();
            List<RoleRepresentation> remove = new ArrayList<>();
            boolean hasRole = false;
            for (RoleRepresentation r : mapped) {
                if (r.getName().equals(role)) {
                    hasRole = true;
                } else if (ADMIN_ROLES.contains(r.getName())) {
                    remove.add(r);
                }
            }
            if (!remove.isEmpty()) {
                realmRoles.remove(remove);
            }
            if (role != null && !hasRole) {
                // the available roles carry the ids Keycloak wants, readable with view-users (no view-realm needed)
                RoleRepresentation wanted = realmRoles.listAvailable().stream().filter(r -> r.getName().equals(role)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("realm role " + role + " is not available in realm " + realm));
                realmRoles.add(List.of(wanted));
            }
            if (endSessions) {
                resource.logout();
            }
            return true;
        } catch (IdentityProviderUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IdentityProviderUnavailable("Keycloak failed to apply the change of user " + userId, e);
        }
    }

    private UserResource users(String id) {
        return keycloak.realm(realm).users().get(id);
    }

    private static String attribute(UserRepresentation user, String name) {
        Map<String, List<String>> attributes = user.getAttributes();
        List<String> values = attributes == null ? null : attributes.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String displayName(UserRepresentation user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return name.isEmpty() ? null : name;
    }
}
