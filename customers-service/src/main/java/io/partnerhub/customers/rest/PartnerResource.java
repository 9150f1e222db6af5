package io.partnerhub.customers.rest;

import io.partnerhub.customers.Admin;
import io.partnerhub.customers.Partner;
import io.partnerhub.customers.service.PartnerService;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.runtime.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The partner org, its first-time setup and its admin directory. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PartnerResource {

    static final String ADMIN_ROLE = "partner-full-admin|partner-admin|partner-read-only-admin";

    public record PartnerResponse(String id, @Schema(nullable = true) String name, boolean setupCompleted, @Schema(nullable = true) Instant termsAcceptedAt, @Schema(nullable = true) Instant planConfirmedAt) {
        static PartnerResponse of(Partner partner) {
            return new PartnerResponse(partner.partnerOrgId, partner.name, partner.setupCompleted, partner.termsAcceptedAt,
                    partner.planConfirmedAt);
        }
    }

    public record Setup(@NotNull @AssertTrue(message = "must be true: the terms of service must be accepted") Boolean acceptTerms) {
    }

    public record AdminResponse(String id, @Schema(nullable = true) String email, @Schema(nullable = true) String displayName, String role, @Schema(nullable = true) Instant lastSeenAt, long version) {
        static AdminResponse of(Admin admin) {
            return new AdminResponse(admin.adminId, admin.email, admin.displayName, admin.role, admin.lastSeenAt, admin.version);
        }
    }

    public record AddAdmin(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+") String id,
                           @Email @Size(max = 255) String email, @Size(max = 200) String displayName,
                           @NotNull @Pattern(regexp = ADMIN_ROLE, message = "must be one of partner-full-admin, partner-admin, partner-read-only-admin") String role) {
    }

    public record ChangeAdmin(@Pattern(regexp = ADMIN_ROLE, message = "must be one of partner-full-admin, partner-admin, partner-read-only-admin") String role,
                              @Size(max = 200) String displayName) {
    }

    private final PartnerService partners;
    private final Caller caller;

    public PartnerResource(PartnerService partners, Caller caller) {
        this.partners = partners;
        this.caller = caller;
    }

    @GET
    @Path("/partner")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "The caller's partner")
    public Uni<PartnerResponse> partner() {
        return partners.partner(caller.actor()).map(PartnerResponse::of);
    }

    @POST
    @Path("/partner/setup")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FULL_ADMIN)
    @Operation(summary = "Complete the partner's setup: accept the terms of service")
    public Uni<PartnerResponse> setup(@Valid @NotNull Setup setup) {
        return partners.setup(caller.actor()).map(PartnerResponse::of);
    }

    @GET
    @Path("/admins")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "The partner's admins")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.AdminList.class)))
    public Uni<Map<String, List<AdminResponse>>> admins() {
        return partners.admins(caller.actor()).map(list -> Map.of("items", list.stream().map(AdminResponse::of).toList()));
    }

    @POST
    @Path("/admins")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FULL_ADMIN)
    @Operation(summary = "Add an admin (the role reaches the identity provider)")
    @APIResponse(responseCode = "201", description = "Created; Location names the admin", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminResponse.class)))
    public Uni<Response> addAdmin(@Valid @NotNull AddAdmin request) {
        return partners.addAdmin(caller.actor(), request.id(), request.email(), request.displayName(), request.role())
                .map(admin -> Response.created(URI.create("/api/v1/admins/" + admin.adminId)).entity(AdminResponse.of(admin)).build());
    }

    @PATCH
    @Path("/admins/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed(Roles.FULL_ADMIN)
    @Operation(summary = "Change an admin's role or display name")
    public Uni<AdminResponse> changeAdmin(@PathParam("id") String id, @Valid @NotNull ChangeAdmin request) {
        return partners.changeAdmin(caller.actor(), id, Optional.ofNullable(request.role()), Optional.ofNullable(request.displayName()))
                .map(AdminResponse::of);
    }

    @DELETE
    @Path("/admins/{id}")
    @RolesAllowed(Roles.FULL_ADMIN)
    @Operation(summary = "Remove an admin")
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<Response> removeAdmin(@PathParam("id") String id) {
        if (id.equals(caller.actor().subject())) {
            throw ProblemException.conflict("An admin cannot remove themselves");
        }
        return partners.removeAdmin(caller.actor(), id).map(ignored -> Response.noContent().build());
    }
}
