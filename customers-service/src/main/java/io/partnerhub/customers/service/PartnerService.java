package io.partnerhub.customers.service;

import io.partnerhub.customers.Admin;
import io.partnerhub.customers.Partner;
import io.partnerhub.customers.event.CustomerEvents;
import io.partnerhub.customers.identity.IdentityProvider;
import io.partnerhub.customers.identity.IdentitySync;
import io.partnerhub.customers.repository.AdminRepository;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/** The partner org, its first-time setup and its admin directory. */
@ApplicationScoped
public class PartnerService {

    private final AdminRepository admins;
    private final CustomerEvents events;
    private final AuditLog audit;
    private final IdentitySync identitySync;
    private final Clock clock;

    public PartnerService(AdminRepository admins, CustomerEvents events, AuditLog audit, IdentitySync identitySync, Clock clock) {
        this.admins = admins;
        this.events = events;
        this.audit = audit;
        this.identitySync = identitySync;
        this.clock = clock;
    }

    /** The caller's partner org, recorded on first sight. */
    @WithTransaction
    public Uni<Partner> partner(Actor actor) {
        return Partner.<Partner>findById(actor.partnerOrgId()).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            Partner partner = new Partner();
            partner.partnerOrgId = actor.partnerOrgId();
            partner.createdAt = now();
            return partner.persist().replaceWith(partner);
        });
    }

    /**
     * First-time setup: confirm the plan and accept the terms of service, and name the partner org (nothing else
     * supplies a partner's name: the token carries only its id). Repeating it changes nothing but a new name.
     */
    @WithTransaction
    public Uni<Partner> setup(Actor actor, Optional<String> name) {
        return partner(actor).chain(partner -> {
            Map<String, Object> before = partnerState(partner);
            boolean renamed = name.isPresent() && !name.get().strip().equals(partner.name);
            if (partner.setupCompleted && !renamed) {
                return Uni.createFrom().item(partner);
            }
            String action = partner.setupCompleted ? "partner.renamed" : "partner.setup-completed";
            if (!partner.setupCompleted) {
                Instant now = now();
                partner.setupCompleted = true;
                partner.termsAcceptedAt = now;
                partner.planConfirmedAt = now;
            }
            name.ifPresent(n -> partner.name = n.strip());
            return audit.record(actor, action, "partner", partner.partnerOrgId, null, before, partnerState(partner))
                    .replaceWith(partner);
        });
    }

    private static Map<String, Object> partnerState(Partner partner) {
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("name", partner.name);
        state.put("setupCompleted", partner.setupCompleted);
        state.put("termsAcceptedAt", partner.termsAcceptedAt == null ? null : partner.termsAcceptedAt.toString());
        return state;
    }

    /**
     * Records (or refreshes) the calling admin in the directory, from their token ({@code issuedAt}: its {@code iat},
     * epoch seconds). A first sign-in enters the directory with its {@code admin.role-changed} event. The token's role
     * is adopted only when it is newer than the directory's: the admin is not removed, none of the directory's changes
     * is still on its way to Keycloak, and the token was issued after the admin's {@code accessRevokedAt} (a token
     * issued later reflects Keycloak's newer state, e.g. an operator's direct change). An older token never writes its
     * role back over a newer change.
     */
    @WithTransaction
    public Uni<Void> recordSignIn(Actor actor, String email, String displayName, String role, long issuedAt) {
        return admins.findAny(actor.partnerOrgId(), actor.subject()).chain(admin -> {
            Instant now = now();
            if (admin == null) {
                Admin created = new Admin();
                created.partnerOrgId = actor.partnerOrgId();
                created.adminId = actor.subject();
                created.email = email;
                created.displayName = displayName;
                created.role = role;
                created.firstSeenAt = now;
                created.lastSeenAt = now;
                created.version = 1;
                return created.persist().chain(() -> events.adminRoleChanged(actor.partnerOrgId(), state(created), created.version));
            }
            admin.lastSeenAt = now;
            admin.email = email != null ? email : admin.email;
            admin.displayName = displayName != null ? displayName : admin.displayName;
            if (admin.deleted || role.equals(admin.role)
                    || (admin.accessRevokedAt != null && issuedAt <= admin.accessRevokedAt.getEpochSecond())) {
                return Uni.createFrom().voidItem();
            }
            return identitySync.pending(actor.partnerOrgId(), actor.subject()).chain(pending -> {
                if (pending) {
                    return Uni.createFrom().voidItem();
                }
                // the identity provider changed the role: the directory follows and tells the others
                admin.role = role;
                admin.version++;
                return events.adminRoleChanged(actor.partnerOrgId(), state(admin), admin.version);
            });
        });
    }

    /** One admin of the partner's directory, or 404. */
    @WithTransaction
    public Uni<Admin> admin(Actor actor, String adminId) {
        return admins.findActive(actor.partnerOrgId(), adminId).onItem().ifNull().failWith(() -> ProblemException.notFound("Admin"));
    }

    /**
     * Adds an admin to the directory ahead of their first sign-in; {@code user} is their Keycloak account, already
     * checked to be of the caller's partner. Their role reaches Keycloak through the identity sync.
     */
    @WithTransaction
    public Uni<Admin> addAdmin(Actor actor, IdentityProvider.User user, String email, String displayName, String role) {
        String adminId = user.id();
        return admins.findAny(actor.partnerOrgId(), adminId).chain(existing -> {
            if (existing != null && !existing.deleted) {
                return Uni.createFrom().failure(ProblemException.conflict("Admin " + adminId + " exists already"));
            }
            Instant now = now();
            Admin admin = existing != null ? existing : new Admin();
            admin.partnerOrgId = actor.partnerOrgId();
            admin.adminId = adminId;
            admin.email = email != null ? email : user.email();
            admin.displayName = displayName != null ? displayName : user.displayName();
            admin.role = role;
            admin.firstSeenAt = existing != null ? existing.firstSeenAt : now;
            admin.lastSeenAt = existing != null ? existing.lastSeenAt : now;
            admin.deleted = false;
            admin.version = existing != null ? existing.version + 1 : 1;
            Uni<?> saved = existing != null ? Uni.createFrom().item(admin) : admin.persist();
            return saved.chain(() -> events.adminRoleChanged(actor.partnerOrgId(), state(admin), admin.version))
                    .chain(() -> identitySync.request(actor.partnerOrgId(), adminId, role, false, false, admin.version))
                    .chain(() -> audit.record(actor, "admin.added", "admin", adminId, null, null, state(admin)))
                    .replaceWith(admin);
        });
    }

    /**
     * Changes an admin's role and/or display name; {@code ifMatch} is the admin's ETag ({@link #etag}), stale → 412.
     * The version steps with the role (and its {@code admin.role-changed} event) only: docs/events.md has no event for a
     * display name, so a display name change keeps the version (the ETag still changes). A role change revokes the
     * admin's access as of now (tokens issued until now are refused) and is sent to Keycloak, which also ends their
     * sessions.
     */
    @WithTransaction
    public Uni<Admin> changeAdmin(Actor actor, String adminId, Optional<String> role, Optional<String> displayName,
                                  Optional<String> ifMatch) {
        return admins.findActive(actor.partnerOrgId(), adminId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Admin"))
                .chain(admin -> {
                    if (ifMatch.isPresent() && !ifMatch.get().equals(etag(admin))) {
                        return Uni.createFrom().failure(ProblemException.preconditionFailed(
                                "The admin changed since that ETag; it is now " + etag(admin)));
                    }
                    CustomerEvents.AdminState before = state(admin);
                    displayName.ifPresent(name -> admin.displayName = name);
                    boolean roleChanged = role.isPresent() && !role.get().equals(admin.role);
                    role.ifPresent(r -> admin.role = r);
                    Uni<Void> event = Uni.createFrom().voidItem();
                    if (roleChanged) {
                        admin.version++;
                        admin.accessRevokedAt = now();
                        event = events.adminRoleChanged(actor.partnerOrgId(), state(admin), admin.version)
                                .chain(() -> identitySync.request(actor.partnerOrgId(), adminId, admin.role, false, true, admin.version));
                    }
                    return event.chain(() -> audit.record(actor, "admin.changed", "admin", adminId, null, before, state(admin)))
                            .replaceWith(admin);
                });
    }

    /**
     * Removes an admin: their access is revoked as of now ({@code admin.removed}, version steps) and Keycloak takes
     * their admin role away and ends their sessions (identity sync).
     */
    @WithTransaction
    public Uni<Void> removeAdmin(Actor actor, String adminId) {
        return admins.findActive(actor.partnerOrgId(), adminId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Admin"))
                .chain(admin -> {
                    CustomerEvents.AdminState before = state(admin);
                    admin.deleted = true;
                    admin.accessRevokedAt = now();
                    admin.version++;
                    return events.adminChanged(CustomerEvents.ADMIN_REMOVED, actor.partnerOrgId(), state(admin), admin.version)
                            .chain(() -> identitySync.request(actor.partnerOrgId(), adminId, null, true, true, admin.version))
                            .chain(() -> audit.record(actor, "admin.removed", "admin", adminId, null, before, null));
                });
    }

    /**
     * The admin's ETag: its version and a digest of its state (email, display name, role), since a display name
     * change does not step the version. {@code lastSeenAt} is activity, not state, and is left out.
     */
    public static String etag(Admin admin) {
        String state = admin.email + '\u0000' + admin.displayName + '\u0000' + admin.role;
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(state.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return admin.version + "-" + java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CustomerEvents.AdminState state(Admin admin) {
        return new CustomerEvents.AdminState(admin.adminId, admin.email, admin.displayName, admin.role, admin.deleted,
                admin.accessRevokedAt);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
