package io.partnerhub.customers.rest;

import io.partnerhub.customers.Admin;
import io.partnerhub.customers.Partner;
import io.partnerhub.customers.identity.IdentityProvider;
import io.partnerhub.customers.repository.DirectoryQueries;
import io.partnerhub.platform.runtime.idempotency.IdempotencyKeys;
import io.partnerhub.customers.service.PartnerService;
import io.partnerhub.platform.runtime.csv.Csv;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.rest.QueryParams;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.core.security.Roles;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The partner org, its first-time setup and its admin directory. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PartnerResource {

    static final String ADMIN_ROLE = "partner-full-admin|partner-admin|partner-read-only-admin";

    public record PartnerResponse(String id, @Schema(nullable = true) String name, boolean setupCompleted,
                                  @Schema(nullable = true) Instant termsAcceptedAt, @Schema(nullable = true) Instant planConfirmedAt) {
        static PartnerResponse of(Partner partner) {
            return new PartnerResponse(partner.partnerOrgId, partner.name, partner.setupCompleted, partner.termsAcceptedAt,
                    partner.planConfirmedAt);
        }
    }

    /** First-time setup; {@code name} names the partner org (optional, also later to rename it). */
    public record Setup(@NotNull @AssertTrue(message = "must be true: the terms of service must be accepted") Boolean acceptTerms,
                        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name) {
    }

    public record AdminResponse(String id, @Schema(nullable = true) String email, @Schema(nullable = true) String displayName, String role,
                                @Schema(nullable = true) Instant lastSeenAt, long version) {
        static AdminResponse of(Admin admin) {
            return new AdminResponse(admin.adminId, admin.email, admin.displayName, admin.role, admin.lastSeenAt, admin.version);
        }
    }

    static final List<String> ADMIN_CSV_HEADER = List.of("id", "email", "displayName", "role", "lastSeenAt", "version");

    public record AddAdmin(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+") String id,
                           @Email @Size(max = 255) String email, @Size(max = 200) String displayName,
                           @NotNull @Pattern(regexp = ADMIN_ROLE, message = "must be one of partner-full-admin, partner-admin, partner-read-only-admin") String role) {
    }

    public record ChangeAdmin(@Pattern(regexp = ADMIN_ROLE, message = "must be one of partner-full-admin, partner-admin, partner-read-only-admin") String role,
                              @Size(max = 200) String displayName) {
    }

    private final PartnerService partners;
    private final DirectoryQueries directory;
    private final IdempotencyKeys idempotent;
    private final Caller caller;
    private final IdentityProvider identity;

    public PartnerResource(PartnerService partners, DirectoryQueries directory, IdempotencyKeys idempotent, Caller caller,
                           IdentityProvider identity) {
        this.identity = identity;
        this.partners = partners;
        this.directory = directory;
        this.idempotent = idempotent;
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
    @Operation(summary = "Complete the partner's setup: accept the terms of service (and optionally name the partner)")
    public Uni<PartnerResponse> setup(@Valid @NotNull Setup setup) {
        return partners.setup(caller.actor(), Optional.ofNullable(setup.name())).map(PartnerResponse::of);
    }

    @GET
    @Path("/admins")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "The partner's admins")
    @APIResponse(responseCode = "200", description = "One page (JSON; Link: rel=next names the next one), or all rows (CSV)", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.AdminPage.class)), @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> admins(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri,
                                @Context HttpHeaders headers) {
        String partner = caller.actor().partnerOrgId();
        if (Csv.wanted(headers)) {
            return directory.admins(partner, null, null).map(page -> Csv.response("admins.csv", ADMIN_CSV_HEADER, page.items().stream()
                    .map(a -> Arrays.<Object>asList(a.adminId, a.email, a.displayName, a.role, a.lastSeenAt, a.version)).toList()));
        }
        int pageSize = QueryParams.limit(limit);
        return directory.admins(partner, Lists.cursor(cursor, 2), pageSize).map(page -> Lists.ok(page, AdminResponse::of, uri));
    }

    @GET
    @Path("/admins/{id}")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "An admin")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The admin id (token subject)", schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The admin; ETag its version and state", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminResponse.class)), headers = @Header(name = "ETag", description = ApiSchemas.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> admin(@PathParam("id") String id) {
        return partners.admin(caller.actor(), id).map(PartnerResource::ok);
    }

    @POST
    @Path("/admins")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FULL_ADMIN)
    @Operation(summary = "Add an admin: a Keycloak user of the caller's partner (the role reaches the identity provider)")
    @APIResponse(responseCode = "404", description = "No user with that id in the caller's partner")
    @APIResponse(responseCode = "503", description = "The identity provider cannot be reached; nothing written. Retry after Retry-After seconds", headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "201", description = "Created; Location names the admin, ETag its version and state. A replayed Idempotency-Key answers the first answer with Idempotent-Replayed: true", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminResponse.class)), headers = @Header(name = "ETag", description = ApiSchemas.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> addAdmin(@Valid @NotNull AddAdmin request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                                  @Context UriInfo uri) {
        Actor actor = caller.actor();
        Optional<IdempotencyKeys.Key> key = idempotent.key(actor, idempotencyKey, "POST /admins", request);
        // only a Keycloak user of the caller's partner: another partner's user or an unknown id is 404, nothing written
        return identity.user(request.id())
                .map(user -> user.filter(u -> actor.partnerOrgId().equals(u.partnerOrgId()))
                        .orElseThrow(() -> ProblemException.notFound("User")))
                .chain(user -> idempotent.once(key, 201, () -> partners.addAdmin(actor, user, request.email(), request.displayName(), request.role()),
                        admin -> admin.adminId, AdminResponse::of))
                .map(outcome -> outcome.replayed()
                        ? Replays.answer(outcome.replay(), uri)
                        : Response.created(uri.getAbsolutePathBuilder().path(outcome.value().adminId).build())
                                .tag(etag(outcome.value())).entity(AdminResponse.of(outcome.value())).build());
    }

    /** {@code If-Match} is the admin's ETag (version and a digest of its state); stale → 412. */
    @PATCH
    @Path("/admins/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed(Roles.FULL_ADMIN)
    @Operation(summary = "Change an admin's role or display name (If-Match: its ETag)")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The admin id (token subject)", schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The changed admin; ETag its version and state", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminResponse.class)), headers = @Header(name = "ETag", description = ApiSchemas.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> changeAdmin(@PathParam("id") String id, @Valid @NotNull ChangeAdmin request,
                                     @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return partners.changeAdmin(caller.actor(), id, Optional.ofNullable(request.role()), Optional.ofNullable(request.displayName()),
                Preconditions.opaque(ifMatch)).map(PartnerResource::ok);
    }

    @DELETE
    @Path("/admins/{id}")
    @RolesAllowed(Roles.FULL_ADMIN)
    @Operation(summary = "Remove an admin")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The admin id (token subject)", schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "409", description = "An admin cannot remove themselves")
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<Response> removeAdmin(@PathParam("id") String id) {
        if (id.equals(caller.actor().subject())) {
            throw ProblemException.conflict("An admin cannot remove themselves");
        }
        return partners.removeAdmin(caller.actor(), id).map(ignored -> Response.noContent().build());
    }

    private static Response ok(Admin admin) {
        return Response.ok(AdminResponse.of(admin), MediaType.APPLICATION_JSON).tag(etag(admin)).build();
    }

    private static EntityTag etag(Admin admin) {
        return new EntityTag(PartnerService.etag(admin));
    }
}
