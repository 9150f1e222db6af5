package io.partnerhub.customers.rest;

import io.partnerhub.customers.Product;
import io.partnerhub.customers.service.HelpDesk;
import io.partnerhub.platform.runtime.idempotency.IdempotencyKeys;
import io.partnerhub.platform.runtime.csv.Csv;
import io.partnerhub.platform.runtime.paging.PageLinks;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.rest.QueryParams;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.core.security.Roles;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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

    static final List<String> RESOURCE_CSV_HEADER = List.of("id", "title", "url", "type", "products", "topics", "featured",
            "quickLink", "summary");
    static final List<String> CONTACT_CSV_HEADER = List.of("id", "product", "name", "email", "phone", "hours");
    static final List<String> REQUEST_CSV_HEADER = List.of("id", "subject", "description", "product", "customerId", "status",
            "createdBy", "createdAt", "updatedAt", "version");

    private final HelpDesk help;
    private final IdempotencyKeys idempotent;
    private final Caller caller;

    public HelpResource(HelpDesk help, IdempotencyKeys idempotent, Caller caller) {
        this.help = help;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @GET
    @Path("/resources")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "Search the help resources")
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "Full-text search", schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @Parameter(name = "product", in = ParameterIn.QUERY, description = "Product (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = Product.class))
    @Parameter(name = "featured", in = ParameterIn.QUERY, description = "Only featured (true) or not featured (false)", schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(name = "quickLink", in = ParameterIn.QUERY, description = "Only quick links (true) or not (false)", schema = @Schema(type = SchemaType.BOOLEAN))
    @APIResponse(responseCode = "200", description = "One page (JSON; Link: rel=next names the next one), or all rows (CSV)", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.ResourcePage.class)), @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> resources(@QueryParam("q") String q, @QueryParam("type") List<String> type,
                                   @QueryParam("product") List<String> product, @QueryParam("topic") List<String> topic,
                                   @QueryParam("featured") String featured, @QueryParam("quickLink") String quickLink,
                                   @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                   @Context UriInfo uri, @Context HttpHeaders headers) {
        if (q != null && q.length() > 200) {
            throw ProblemException.badRequest("q", "must be at most 200 characters");
        }
        HelpDesk.ResourceQuery query = new HelpDesk.ResourceQuery(q, QueryParams.strings(type).stream().map(String::toUpperCase).toList(),
                QueryParams.enumNames("product", product, Product.class),
                QueryParams.strings(topic), QueryParams.bool("featured", featured), QueryParams.bool("quickLink", quickLink));
        if (Csv.wanted(headers)) {
            return help.resources(query, null, null).map(page -> Csv.response("resources.csv", RESOURCE_CSV_HEADER, page.items().stream()
                    .map(r -> Arrays.<Object>asList(r.id(), r.title(), r.url(), r.type(), String.join(";", r.products()),
                            String.join(";", r.topics()), r.featured(), r.quickLink(), r.summary()))
                    .toList()));
        }
        int pageSize = QueryParams.limit(limit);
        return help.resources(query, Lists.cursor(cursor, 4), pageSize).map(page -> PageLinks.ok(page, uri));
    }

    @GET
    @Path("/support/contacts")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "Support contacts per product")
    @APIResponse(responseCode = "200", description = "One page (JSON; Link: rel=next names the next one), or all rows (CSV)", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.ContactPage.class)), @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> contacts(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri,
                                  @Context HttpHeaders headers) {
        if (Csv.wanted(headers)) {
            return help.contacts(null, null).map(page -> Csv.response("support-contacts.csv", CONTACT_CSV_HEADER, page.items().stream()
                    .map(c -> Arrays.<Object>asList(c.id(), c.product(), c.name(), c.email(), c.phone(), c.hours())).toList()));
        }
        int pageSize = QueryParams.limit(limit);
        return help.contacts(Lists.cursor(cursor, 3), pageSize).map(page -> PageLinks.ok(page, uri));
    }

    @POST
    @Path("/support/requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Open a support request")
    @APIResponse(responseCode = "201", description = "Created; Location names the request, ETag its version. A replayed Idempotency-Key answers the first answer with Idempotent-Replayed: true", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HelpDesk.SupportRequest.class)), headers = @Header(name = "ETag", description = ApiSchemas.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> open(@Valid @NotNull OpenRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                              @Context UriInfo uri) {
        Actor actor = caller.actor();
        Optional<IdempotencyKeys.Key> key = idempotent.key(actor, idempotencyKey, "POST /support/requests", request);
        return idempotent.once(key, 201, () -> help.open(actor, request.subject().strip(), request.description(),
                                request.product() == null ? null : request.product().name(), request.customerId()),
                        created -> created.id().toString(), created -> created)
                .map(outcome -> outcome.replayed()
                        ? Replays.answer(outcome.replay(), uri)
                        : Response.created(uri.getAbsolutePathBuilder().path(outcome.value().id().toString()).build())
                                .tag(Preconditions.etag(outcome.value().version())).entity(outcome.value()).build());
    }

    @GET
    @Path("/support/requests")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "The partner's support requests")
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "Status (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = String.class, enumeration = {"OPEN", "IN_PROGRESS", "RESOLVED", "CLOSED"}))
    @APIResponse(responseCode = "200", description = "One page (JSON; Link: rel=next names the next one), or all rows (CSV)", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.SupportRequestPage.class)), @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> requests(@QueryParam("status") List<String> status, @QueryParam("limit") String limit,
                                  @QueryParam("cursor") String cursor, @Context UriInfo uri, @Context HttpHeaders headers) {
        List<String> statuses = QueryParams.strings(status);
        for (String s : statuses) {
            if (!s.matches(STATUS)) {
                throw ProblemException.badRequest("status", "must be one of OPEN, IN_PROGRESS, RESOLVED, CLOSED");
            }
        }
        Actor actor = caller.actor();
        if (Csv.wanted(headers)) {
            return help.requests(actor, statuses, null, null).map(page -> Csv.response("support-requests.csv", REQUEST_CSV_HEADER,
                    page.items().stream().map(r -> Arrays.<Object>asList(r.id(), r.subject(), r.description(), r.product(),
                            r.customerId(), r.status(), r.createdBy(), r.createdAt(), r.updatedAt(), r.version())).toList()));
        }
        int pageSize = QueryParams.limit(limit);
        return help.requests(actor, statuses, Lists.cursor(cursor, 2), pageSize).map(page -> PageLinks.ok(page, uri));
    }

    @GET
    @Path("/support/requests/{id}")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "A support request")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The support request id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "200", description = "The support request; ETag its version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HelpDesk.SupportRequest.class)), headers = @Header(name = "ETag", description = ApiSchemas.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> request(@PathParam("id") String id) {
        return help.request(caller.actor(), parse(id)).map(HelpResource::ok);
    }

    @PATCH
    @Path("/support/requests/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Change a support request's status (If-Match: its ETag)")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The support request id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "200", description = "The changed support request; ETag its version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HelpDesk.SupportRequest.class)), headers = @Header(name = "ETag", description = ApiSchemas.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> changeStatus(@PathParam("id") String id, @Valid @NotNull ChangeStatus change,
                                      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return help.changeStatus(caller.actor(), parse(id), change.status(), Preconditions.version(ifMatch)).map(HelpResource::ok);
    }

    private static Response ok(HelpDesk.SupportRequest request) {
        return Response.ok(request, MediaType.APPLICATION_JSON).tag(Preconditions.etag(request.version())).build();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Support request");
        }
    }
}
