package io.partnerhub.customers.rest;

import io.partnerhub.customers.CustomerStatus;
import io.partnerhub.customers.ManagedBy;
import io.partnerhub.customers.Product;
import io.partnerhub.customers.SubscriptionType;
import io.partnerhub.customers.mapping.CustomerMapper;
import io.partnerhub.customers.repository.CustomerFilter;
import io.partnerhub.customers.repository.CustomerQueries;
import io.partnerhub.customers.repository.CustomerSort;
import io.partnerhub.customers.repository.DirectoryQueries;
import io.partnerhub.customers.service.CustomerChange;
import io.partnerhub.customers.service.CustomerService;
import io.partnerhub.platform.runtime.idempotency.IdempotencyKeys;
import io.partnerhub.customers.service.LaunchLink;
import io.partnerhub.customers.service.NewCustomer;
import io.partnerhub.platform.runtime.csv.Csv;
import io.partnerhub.platform.runtime.paging.Cursor;
import io.partnerhub.platform.runtime.paging.Page;
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
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import java.time.Clock;
import java.time.LocalDate;
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

@Path("/api/v1/customers")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
public class CustomerResource {

    static final List<String> ASSIGNED_ADMIN_CSV_HEADER = List.of("id", "email", "displayName", "role", "assignedAt");

    private final CustomerService service;
    private final CustomerQueries queries;
    private final DirectoryQueries directory;
    private final IdempotencyKeys idempotent;
    private final Caller caller;
    private final Clock clock;

    public CustomerResource(CustomerService service, CustomerQueries queries, DirectoryQueries directory,
                            IdempotencyKeys idempotent, Caller caller, Clock clock) {
        this.service = service;
        this.queries = queries;
        this.directory = directory;
        this.idempotent = idempotent;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "List customers, filtered and sorted (repeat a filter for OR, combine filters for AND)")
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "Customer status (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = CustomerStatus.class))
    @Parameter(name = "product", in = ParameterIn.QUERY, description = "Product (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = Product.class))
    @Parameter(name = "managedBy", in = ParameterIn.QUERY, description = "Who manages the customer (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = ManagedBy.class))
    @Parameter(name = "subscriptionType", in = ParameterIn.QUERY, description = "Subscription type (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = SubscriptionType.class))
    @Parameter(name = "tag", in = ParameterIn.QUERY, description = "Tag id (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = UUID.class))
    @Parameter(name = "adminId", in = ParameterIn.QUERY, description = "Assigned admin id (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "Name contains, case-insensitive", schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @Parameter(name = "sort", in = ParameterIn.QUERY, description = "Order (default name)", schema = @Schema(type = SchemaType.STRING, enumeration = {"name", "-name", "createdAt", "-createdAt"}))
    @APIResponse(responseCode = "200", description = "One page of customers (JSON; Link: rel=next names the next one), or all of them (CSV)", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.CustomerPage.class)), @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> list(@QueryParam("q") String q, @QueryParam("status") List<String> status,
                              @QueryParam("product") List<String> product, @QueryParam("managedBy") List<String> managedBy,
                              @QueryParam("subscriptionType") List<String> subscriptionType, @QueryParam("tag") List<String> tag,
                              @QueryParam("adminId") List<String> adminId, @QueryParam("sort") String sort,
                              @QueryParam("asOf") String asOf, @QueryParam("limit") String limit,
                              @QueryParam("cursor") String cursor, @Context UriInfo uri, @Context HttpHeaders headers) {
        if (q != null && q.length() > 200) {
            throw ProblemException.badRequest("q", "must be at most 200 characters");
        }
        CustomerFilter filter = new CustomerFilter(q,
                QueryParams.enums("status", status, CustomerStatus.class),
                QueryParams.enums("product", product, Product.class),
                QueryParams.enums("managedBy", managedBy, ManagedBy.class),
                QueryParams.enums("subscriptionType", subscriptionType, SubscriptionType.class),
                QueryParams.uuids("tag", tag), QueryParams.strings(adminId), QueryParams.asOf(asOf, clock));
        CustomerSort order = CustomerSort.parse(sort);
        int pageSize = QueryParams.limit(limit);
        Actor actor = caller.actor();
        if (Csv.wanted(headers)) {
            return queries.all(actor, filter, order).map(rows -> Csv.response("customers.csv", CustomerMapper.CSV_HEADER,
                    rows.stream().map(CustomerMapper::toCsv).toList()));
        }
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor, 2);
        return queries.page(actor, filter, order, after, pageSize)
                .map(page -> PageLinks.ok(new Page<>(page.items().stream().map(CustomerMapper::toResponse).toList(), page.nextCursor()), uri));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Create a customer")
    @APIResponse(responseCode = "201", description = "Created; Location names the customer, ETag its version. A replayed Idempotency-Key answers the first answer with Idempotent-Replayed: true", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerResponse.class)), headers = @Header(name = "ETag", description = ApiSchemas.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> create(@Valid @NotNull CustomerRequests.Create request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                                @Context UriInfo uri) {
        Actor actor = caller.actor();
        Optional<IdempotencyKeys.Key> key = idempotent.key(actor, idempotencyKey, "POST /customers", request);
        return idempotent.once(key, 201, () -> service.create(actor, new NewCustomer(request.name(), request.externalId(), request.managedBy())),
                        UUID::toString, null)
                .chain(outcome -> {
                    if (outcome.replayed() && outcome.replay().body() != null) {
                        return Uni.createFrom().item(Replays.answer(outcome.replay(), uri));
                    }
                    // the customer's statuses are read after the commit, so its body is stored after it too
                    UUID id = outcome.replayed() ? UUID.fromString(outcome.replay().resourceId()) : outcome.value();
                    return read(actor, id, LocalDate.now(clock))
                            .call(customer -> outcome.replayed() ? Uni.createFrom().voidItem() : idempotent.rememberBody(key, customer))
                            .map(customer -> {
                                Response.ResponseBuilder created = Response.created(uri.getAbsolutePathBuilder().path(customer.id()).build())
                                        .tag(etag(customer)).entity(customer).type(MediaType.APPLICATION_JSON);
                                return outcome.replayed() ? created.header(IdempotencyKeys.REPLAYED_HEADER, "true").build() : created.build();
                            });
                });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "A customer")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "200", description = "The customer; ETag its version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerResponse.class)), headers = @Header(name = "ETag", description = ApiSchemas.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> get(@PathParam("id") String id, @QueryParam("asOf") String asOf) {
        return read(caller.actor(), parseId(id), QueryParams.asOf(asOf, clock))
                .map(customer -> Response.ok(customer, MediaType.APPLICATION_JSON).tag(etag(customer)).build());
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Change a customer's name or managedBy (If-Match: its ETag)")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "200", description = "The changed customer; ETag its version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerResponse.class)), headers = @Header(name = "ETag", description = ApiSchemas.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> update(@PathParam("id") String id, @Valid @NotNull CustomerRequests.Update request,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Actor actor = caller.actor();
        UUID customerId = parseId(id);
        return service.update(actor, customerId, new CustomerChange(Optional.ofNullable(request.name()),
                        Optional.ofNullable(request.managedBy())), Preconditions.version(ifMatch))
                .chain(() -> read(actor, customerId, LocalDate.now(clock)))
                .map(customer -> Response.ok(customer, MediaType.APPLICATION_JSON).tag(etag(customer)).build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.FULL_ADMIN)
    @Operation(summary = "Delete a customer")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(caller.actor(), parseId(id)).map(ignored -> Response.noContent().build());
    }

    @PUT
    @Path("/{id}/tags/{tagId}")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Tag a customer")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @Parameter(name = "tagId", in = ParameterIn.PATH, description = "The tag id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<Response> tag(@PathParam("id") String id, @PathParam("tagId") String tagId) {
        return service.tag(caller.actor(), parseId(id), parseTagId(tagId)).map(ignored -> Response.noContent().build());
    }

    @DELETE
    @Path("/{id}/tags/{tagId}")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Untag a customer")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @Parameter(name = "tagId", in = ParameterIn.PATH, description = "The tag id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<Response> untag(@PathParam("id") String id, @PathParam("tagId") String tagId) {
        return service.untag(caller.actor(), parseId(id), parseTagId(tagId)).map(ignored -> Response.noContent().build());
    }

    /** The admins assigned to the customer, by id: {@code {items: [{id, email, displayName, role, assignedAt}], nextCursor}}. */
    @GET
    @Path("/{id}/admins")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "The admins assigned to a customer")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "200", description = "One page (JSON; Link: rel=next names the next one), or all rows (CSV)", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.AssignedAdminPage.class)), @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> admins(@PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                @Context UriInfo uri, @Context HttpHeaders headers) {
        Actor actor = caller.actor();
        UUID customerId = parseId(id);
        boolean csv = Csv.wanted(headers);
        Integer pageSize = csv ? null : QueryParams.limit(limit);
        Cursor after = csv ? null : Lists.cursor(cursor, 2);
        return service.checkVisible(actor, customerId)
                .chain(() -> directory.assignedAdmins(actor.partnerOrgId(), customerId, after, pageSize))
                .map(page -> csv
                        ? Csv.response("customer-admins.csv", ASSIGNED_ADMIN_CSV_HEADER, page.items().stream()
                                .map(a -> java.util.Arrays.<Object>asList(a.id(), a.email(), a.displayName(), a.role(), a.assignedAt()))
                                .toList())
                        : PageLinks.ok(page, uri));
    }

    @PUT
    @Path("/{id}/admins/{adminId}")
    @RolesAllowed(Roles.FULL_ADMIN)
    @Operation(summary = "Assign an admin to a customer")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<Response> assign(@PathParam("id") String id, @PathParam("adminId") String adminId) {
        return service.assignAdmin(caller.actor(), parseId(id), adminId).map(ignored -> Response.noContent().build());
    }

    @DELETE
    @Path("/{id}/admins/{adminId}")
    @RolesAllowed(Roles.FULL_ADMIN)
    @Operation(summary = "Unassign an admin from a customer")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<Response> unassign(@PathParam("id") String id, @PathParam("adminId") String adminId) {
        return service.unassignAdmin(caller.actor(), parseId(id), adminId).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/launch")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "A short-lived link into the customer's admin console (audited)")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "200", description = "The link and when it expires", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LaunchLink.class)))
    public Uni<LaunchLink> launch(@PathParam("id") String id) {
        return service.launch(caller.actor(), parseId(id));
    }

    private Uni<CustomerResponse> read(Actor actor, UUID id, LocalDate asOf) {
        return queries.one(actor, id, asOf).map(row -> row.map(CustomerMapper::toResponse)
                .orElseThrow(() -> ProblemException.notFound("Customer")));
    }

    private static EntityTag etag(CustomerResponse customer) {
        return Preconditions.etag(customer.version());
    }

    /** A malformed id names no customer: 404, like any other invisible one. */
    static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Customer");
        }
    }

    static UUID parseTagId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Tag");
        }
    }
}
