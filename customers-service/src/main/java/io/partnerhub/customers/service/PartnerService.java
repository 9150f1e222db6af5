package io.partnerhub.customers.service;

import io.partnerhub.customers.Admin;
import io.partnerhub.customers.Partner;
import io.partnerhub.customers.event.CustomerEvents;
import io.partnerhub.customers.repository.AdminRepository;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The partner org, its first-time setup and its admin directory. */
@ApplicationScoped
public class PartnerService {

    private final AdminRepository admins;
    private final CustomerEvents events;
    private final AuditLog audit;
    private final Clock clock;

    public PartnerService(AdminRepository admins, CustomerEvents events, AuditLog audit, Clock clock) {
        this.admins = admins;
        this.events = events;
        this.audit = audit;
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

    /** First-time setup: confirm the plan and accept the terms of service. Repeating it changes nothing. */
    @WithTransaction
    public Uni<Partner> setup(Actor actor) {
        return partner(actor).chain(partner -> {
            if (partner.setupCompleted) {
                return Uni.createFrom().item(partner);
            }
            Instant now = now();
            partner.setupCompleted = true;
            partner.termsAcceptedAt = now;
            partner.planConfirmedAt = now;
            return audit.record(actor, "partner.setup-completed", "partner", partner.partnerOrgId, null, null,
                    Map.of("termsAcceptedAt", now.toString())).replaceWith(partner);
        });
    }

    /** Records (or refreshes) the calling admin in the directory, from their token. */
    @WithTransaction
    public Uni<Void> recordSignIn(Actor actor, String email, String displayName, String role) {
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
                return created.persist().replaceWithVoid();
            }
            admin.lastSeenAt = now;
            admin.email = email != null ? email : admin.email;
            admin.displayName = displayName != null ? displayName : admin.displayName;
            if (!admin.deleted && !role.equals(admin.role)) {
                // the identity provider changed the role: the directory follows and tells the others
                admin.role = role;
                admin.version++;
                return events.adminRoleChanged(actor.partnerOrgId(), state(admin), admin.version);
            }
            return Uni.createFrom().voidItem();
        });
    }

    @WithTransaction
    public Uni<List<Admin>> admins(Actor actor) {
        return admins.listActive(actor.partnerOrgId());
    }

    /** Adds an admin to the directory ahead of their first sign-in. */
    @WithTransaction
    public Uni<Admin> addAdmin(Actor actor, String adminId, String email, String displayName, String role) {
        return admins.findAny(actor.partnerOrgId(), adminId).chain(existing -> {
            if (existing != null && !existing.deleted) {
                return Uni.createFrom().failure(ProblemException.conflict("Admin " + adminId + " exists already"));
            }
            Instant now = now();
            Admin admin = existing != null ? existing : new Admin();
            admin.partnerOrgId = actor.partnerOrgId();
            admin.adminId = adminId;
            admin.email = email;
            admin.displayName = displayName;
            admin.role = role;
            admin.firstSeenAt = existing != null ? existing.firstSeenAt : now;
            admin.lastSeenAt = existing != null ? existing.lastSeenAt : now;
            admin.deleted = false;
            admin.version = existing != null ? existing.version + 1 : 1;
            Uni<?> saved = existing != null ? Uni.createFrom().item(admin) : admin.persist();
            return saved.chain(() -> events.adminRoleChanged(actor.partnerOrgId(), state(admin), admin.version))
                    .chain(() -> audit.record(actor, "admin.added", "admin", adminId, null, null, state(admin)))
                    .replaceWith(admin);
        });
    }

    @WithTransaction
    public Uni<Admin> changeAdmin(Actor actor, String adminId, Optional<String> role, Optional<String> displayName) {
        return admins.findActive(actor.partnerOrgId(), adminId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Admin"))
                .chain(admin -> {
                    CustomerEvents.AdminState before = state(admin);
                    displayName.ifPresent(name -> admin.displayName = name);
                    boolean roleChanged = role.isPresent() && !role.get().equals(admin.role);
                    role.ifPresent(r -> admin.role = r);
                    admin.version++;
                    Uni<Void> event = roleChanged
                            ? events.adminRoleChanged(actor.partnerOrgId(), state(admin), admin.version)
                            : Uni.createFrom().voidItem();
                    return event.chain(() -> audit.record(actor, "admin.changed", "admin", adminId, null, before, state(admin)))
                            .replaceWith(admin);
                });
    }

    @WithTransaction
    public Uni<Void> removeAdmin(Actor actor, String adminId) {
        return admins.findActive(actor.partnerOrgId(), adminId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Admin"))
                .chain(admin -> {
                    CustomerEvents.AdminState before = state(admin);
                    admin.deleted = true;
                    admin.version++;
                    return audit.record(actor, "admin.removed", "admin", adminId, null, before, null);
                });
    }

    public static CustomerEvents.AdminState state(Admin admin) {
        return new CustomerEvents.AdminState(admin.adminId, admin.email, admin.displayName, admin.role);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
