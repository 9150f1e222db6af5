package io.partnerhub.customers.rest;

import io.partnerhub.customers.Product;
import io.partnerhub.customers.service.HelpDesk;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.rest.QueryParams;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.runtime.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Resources & help: help catalogue, helpdesk contacts and support requests. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HelpResource {

    static final String STATUS = "OPEN|IN_PROGRESS|RESOLVED|CLOSED";

    public record OpenRequest(@NotBlank @Size(max = 200) String subject, @NotBlank @Size(max = 10000) String description,
                              Product product, UUID customerId) {
    }

    public record ChangeStatus(@NotNull @Pattern(regexp = STATUS, message = "must be one of OPEN, IN_PROGRESS, RESOLVED, CLOSED") String status) {
    }

    private final HelpDesk help;
    private final Caller caller;

    public HelpResource(HelpDesk help, Caller caller) {
        this.help = help;
        this.caller = caller;
    }

    @GET
    @Path("/resources")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "Search the help resources")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.ResourceList.class)))
    public Uni<Map<String, List<HelpDesk.Resource>>> resources(@QueryParam("q") String q, @QueryParam("type") List<String> type,
                                                               @QueryParam("product") List<String> product,
                                                               @QueryParam("topic") List<String> topic,
                                                               @QueryParam("featured") String featured,
                                                               @QueryParam("quickLink") String quickLink) {
        HelpDesk.ResourceQuery query = new HelpDesk.ResourceQuery(q, QueryParams.strings(type).stream().map(String::toUpperCase).toList(),
                QueryParams.enums("product", product, Product.class).stream().map(Enum::name).toList(),
                QueryParams.strings(topic), bool("featured", featured), bool("quickLink", quickLink));
        return help.resources(query).map(items -> Map.of("items", items));
    }

    @GET
    @Path("/support/contacts")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "Support contacts per product")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.ContactList.class)))
    public Uni<Map<String, List<HelpDesk.Contact>>> contacts() {
        return help.contacts().map(items -> Map.of("items", items));
    }

    @POST
    @Path("/support/requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Open a support request")
    @APIResponse(responseCode = "201", description = "Created; Location names the request", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HelpDesk.SupportRequest.class)))
    public Uni<Response> open(@Valid @NotNull OpenRequest request) {
        return help.open(caller.actor(), request.subject().strip(), request.description(),
                        request.product() == null ? null : request.product().name(), request.customerId())
                .map(created -> Response.created(URI.create("/api/v1/support/requests/" + created.id())).entity(created).build());
    }

    @GET
    @Path("/support/requests")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "The partner's support requests")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.SupportRequestList.class)))
    public Uni<Map<String, List<HelpDesk.SupportRequest>>> requests(@QueryParam("status") List<String> status) {
        List<String> statuses = QueryParams.strings(status);
        for (String s : statuses) {
            if (!s.matches(STATUS)) {
                throw ProblemException.badRequest("status", "must be one of OPEN, IN_PROGRESS, RESOLVED, CLOSED");
            }
        }
        return help.requests(caller.actor(), statuses).map(items -> Map.of("items", items));
    }

    @GET
    @Path("/support/requests/{id}")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "A support request")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The support request id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    public Uni<HelpDesk.SupportRequest> request(@PathParam("id") String id) {
        return help.request(caller.actor(), parse(id));
    }

    @PATCH
    @Path("/support/requests/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Change a support request's status")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The support request id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    public Uni<HelpDesk.SupportRequest> changeStatus(@PathParam("id") String id, @Valid @NotNull ChangeStatus change) {
        return help.changeStatus(caller.actor(), parse(id), change.status());
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Support request");
        }
    }

    private static Boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        throw ProblemException.badRequest(field, "must be true or false");
    }
}
