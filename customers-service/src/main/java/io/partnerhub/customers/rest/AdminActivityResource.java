package io.partnerhub.customers.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.customers.service.AdminActivity;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.core.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Customer-admin sign-ins, from telemetry ({@code usage-ingest}). */
@Path("/api/v1/admin-activity")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AdminActivityResource {

    static final int MAX_ITEMS = 10_000;

    private final AdminActivity activity;
    private final Caller caller;

    public AdminActivityResource(AdminActivity activity, Caller caller) {
        this.activity = activity;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.USAGE_INGEST)
    @Operation(summary = "Record customer-admin sign-ins: per item accepted or rejected")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, maxItems = 10000, implementation = AdminActivity.SignIn.class)))
    @APIResponse(responseCode = "200", description = "How many were accepted, and each rejected item by index with its problems", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminActivity.Result.class)))
    public Uni<AdminActivity.Result> record(@NotNull List<JsonNode> signIns) {
        if (signIns.size() > MAX_ITEMS) {
            throw ProblemException.badRequest("", "at most " + MAX_ITEMS + " sign-ins per request");
        }
        return activity.record(caller.actor(), signIns);
    }
}
