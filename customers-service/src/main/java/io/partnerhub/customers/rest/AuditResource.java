package io.partnerhub.customers.rest;

import io.partnerhub.customers.repository.AuditQueries;
import io.partnerhub.platform.runtime.paging.PageLinks;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.rest.QueryParams;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.runtime.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Who changed what and when, newest first. */
@Path("/api/v1/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditQueries audit;
    private final Caller caller;

    public AuditResource(AuditQueries audit, Caller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "The audit log, newest first")
    @Parameter(name = "customerId", in = ParameterIn.QUERY, description = "Only entries about this customer", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.AuditPage.class)))
    public Uni<Response> list(@QueryParam("customerId") String customerId, @QueryParam("actor") String actor,
                              @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        UUID customer = null;
        if (customerId != null && !customerId.isBlank()) {
            try {
                customer = UUID.fromString(customerId);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("customerId", "must be a UUID");
            }
        }
        return audit.page(caller.actor(), customer, actor == null || actor.isBlank() ? null : actor,
                        cursor == null || cursor.isBlank() ? null : cursor, QueryParams.limit(limit))
                .map(page -> PageLinks.ok(page, uri));
    }
}
