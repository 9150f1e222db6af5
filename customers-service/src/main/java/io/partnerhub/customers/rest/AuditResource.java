package io.partnerhub.customers.rest;

import io.partnerhub.customers.repository.AuditQueries;
import io.partnerhub.platform.runtime.csv.Csv;
import io.partnerhub.platform.runtime.paging.PageLinks;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.rest.QueryParams;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.core.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Who changed what and when, newest first. */
@Path("/api/v1/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final List<String> CSV_HEADER = List.of("id", "at", "actor", "action", "resourceType", "resourceId", "customerId",
            "before", "after");

    private final AuditQueries audit;
    private final Caller caller;

    public AuditResource(AuditQueries audit, Caller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "The audit log, newest first")
    @Parameter(name = "customerId", in = ParameterIn.QUERY, description = "Only entries about this customer", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @Parameter(name = "actor", in = ParameterIn.QUERY, description = "Only entries by this actor (token subject)", schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "One page (JSON; Link: rel=next names the next one), or all rows (CSV)", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.AuditPage.class)), @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> list(@QueryParam("customerId") String customerId, @QueryParam("actor") String actor,
                              @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri,
                              @Context HttpHeaders headers) {
        UUID customer = null;
        if (customerId != null && !customerId.isBlank()) {
            try {
                customer = UUID.fromString(customerId);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("customerId", "must be a UUID");
            }
        }
        String actorFilter = actor == null || actor.isBlank() ? null : actor;
        if (Csv.wanted(headers)) {
            return audit.page(caller.actor(), customer, actorFilter, null, null).map(page -> Csv.response("audit.csv", CSV_HEADER,
                    page.items().stream().map(e -> Arrays.<Object>asList(e.id(), e.at(), e.actor(), e.action(), e.resourceType(),
                            e.resourceId(), e.customerId(), json(e.before()), json(e.after()))).toList()));
        }
        int pageSize = QueryParams.limit(limit);
        return audit.page(caller.actor(), customer, actorFilter, cursor == null || cursor.isBlank() ? null : cursor, pageSize)
                .map(page -> PageLinks.ok(page, uri));
    }

    private static String json(Object state) {
        return state == null ? null : Json.encode(state);
    }
}
