package io.partnerhub.subscriptions.rest;

import io.partnerhub.platform.runtime.csv.Csv;
import io.partnerhub.platform.runtime.paging.Page;
import io.partnerhub.platform.runtime.paging.PageLinks;
import io.partnerhub.platform.runtime.rest.QueryParams;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.core.security.Roles;
import io.partnerhub.subscriptions.Product;
import io.partnerhub.subscriptions.SubscriptionStatus;
import io.partnerhub.subscriptions.SubscriptionType;
import io.partnerhub.subscriptions.mapping.SubscriptionMapper;
import io.partnerhub.subscriptions.repository.Json;
import io.partnerhub.subscriptions.repository.SubscriptionRepository;
import io.partnerhub.subscriptions.service.IdempotentRequests;
import io.partnerhub.subscriptions.service.InvoiceService;
import io.partnerhub.subscriptions.service.LifecycleRules.Transition;
import io.partnerhub.subscriptions.service.LifecycleService;
import io.partnerhub.subscriptions.service.SubscriptionQueries;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.util.ArrayList;
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
import java.util.UUID;

@Path("/api/v1/subscriptions")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
public class SubscriptionResource {

    static final String[] READERS = {Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN};

    private final SubscriptionQueries queries;
    private final LifecycleService lifecycle;
    private final InvoiceService invoices;
    private final IdempotentRequests idempotent;
    private final Caller caller;
    private final Json json;

    public SubscriptionResource(SubscriptionQueries queries, LifecycleService lifecycle, InvoiceService invoices,
                                IdempotentRequests idempotent, Caller caller, Json json) {
        this.json = json;
        this.queries = queries;
        this.lifecycle = lifecycle;
        this.invoices = invoices;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "List subscriptions")
    @Parameter(name = "customerId", in = ParameterIn.QUERY, description = "Customer id (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = UUID.class))
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "Status (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = SubscriptionStatus.class))
    @Parameter(name = "product", in = ParameterIn.QUERY, description = "Product (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = Product.class))
    @Parameter(name = "type", in = ParameterIn.QUERY, description = "Type (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = SubscriptionType.class))
    @APIResponse(responseCode = "200", description = "One page of subscriptions (CSV: one row per line); Link: rel=next names the next page", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.SubscriptionPage.class)), @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> list(@QueryParam("customerId") List<String> customerIds, @QueryParam("status") List<String> statuses,
                              @QueryParam("product") List<String> products, @QueryParam("type") List<String> types,
                              @QueryParam("asOf") String asOf, @QueryParam("cursor") String cursor,
                              @QueryParam("limit") String limit,
                              @Context UriInfo uri, @Context HttpHeaders headers) {
        Actor actor = caller.actor();
        SubscriptionRepository.Filter filter = new SubscriptionRepository.Filter(actor.partnerOrgId(),
                QueryParams.uuids("customerId", customerIds).stream().map(UUID::toString).toList(), QueryParams.enumNames("status", statuses, SubscriptionStatus.class),
                QueryParams.enumNames("product", products, Product.class), QueryParams.enumNames("type", types, SubscriptionType.class));
        return queries.list(actor, filter, cursor, QueryParams.limit(limit), QueryParams.date("asOf", asOf))
                .map(slice -> page(new Page<>(slice.items().stream().map(SubscriptionMapper::toResponse).toList(), slice.nextCursor()),
                        uri, headers));
    }

    /**
     * The subscription object. Its {@code ETag} is {@code "<version>-<digest of the answer>"}: the version changes with
     * every change of the subscription, the digest with what else the answer shows (license usage at {@code asOf}), so
     * {@code If-None-Match} answers 304 only when the answer would be the same.
     */
    @GET
    @Path("/{subscriptionId}")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A subscription, its license values at asOf")
    @Parameter(name = "subscriptionId", in = ParameterIn.PATH, description = "The subscription id (1–64 of [A-Za-z0-9._-])", schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._-]{1,64}$"))
    @APIResponse(responseCode = "200", description = "The subscription; ETag its version and a digest of the answer", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionResponse.class)), headers = @Header(name = "ETag", description = ApiSchemas.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> get(@PathParam("subscriptionId") String subscriptionId, @QueryParam("asOf") String asOf) {
        return queries.get(caller.actor(), Params.externalId(subscriptionId, "Subscription"), QueryParams.date("asOf", asOf))
                .map(SubscriptionMapper::toResponse)
                .map(s -> Response.ok(s).tag(ETags.of(s.version(), json.write(s))).build());
    }

    @POST
    @Path("/{subscriptionId}/provision")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Provision an ORDER_READY subscription: it becomes ACTIVE")
    @Parameter(name = "subscriptionId", in = ParameterIn.PATH, description = "The subscription id (1–64 of [A-Za-z0-9._-])", schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._-]{1,64}$"))
    @APIResponse(responseCode = "409", description = "Illegal transition: the subscription is not ORDER_READY")
    @APIResponse(responseCode = "200", description = "The subscription in its new status", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionResponse.class)))
    public Uni<SubscriptionResponse> provision(@PathParam("subscriptionId") String subscriptionId) {
        return transition(subscriptionId, Transition.PROVISION);
    }

    @POST
    @Path("/{subscriptionId}/suspend")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Suspend an ACTIVE subscription")
    @Parameter(name = "subscriptionId", in = ParameterIn.PATH, description = "The subscription id (1–64 of [A-Za-z0-9._-])", schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._-]{1,64}$"))
    @APIResponse(responseCode = "409", description = "Illegal transition: the subscription is not ACTIVE")
    @APIResponse(responseCode = "200", description = "The subscription in its new status", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionResponse.class)))
    public Uni<SubscriptionResponse> suspend(@PathParam("subscriptionId") String subscriptionId) {
        return transition(subscriptionId, Transition.SUSPEND);
    }

    @POST
    @Path("/{subscriptionId}/resume")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume a SUSPENDED subscription")
    @Parameter(name = "subscriptionId", in = ParameterIn.PATH, description = "The subscription id (1–64 of [A-Za-z0-9._-])", schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._-]{1,64}$"))
    @APIResponse(responseCode = "409", description = "Illegal transition: the subscription is not SUSPENDED")
    @APIResponse(responseCode = "200", description = "The subscription in its new status", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionResponse.class)))
    public Uni<SubscriptionResponse> resume(@PathParam("subscriptionId") String subscriptionId) {
        return transition(subscriptionId, Transition.RESUME);
    }

    @POST
    @Path("/{subscriptionId}/cancel")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a subscription")
    @Parameter(name = "subscriptionId", in = ParameterIn.PATH, description = "The subscription id (1–64 of [A-Za-z0-9._-])", schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._-]{1,64}$"))
    @APIResponse(responseCode = "409", description = "Illegal transition: the subscription is already ended")
    @APIResponse(responseCode = "200", description = "The subscription in its new status", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionResponse.class)))
    public Uni<SubscriptionResponse> cancel(@PathParam("subscriptionId") String subscriptionId) {
        return transition(subscriptionId, Transition.CANCEL);
    }

    /** The subscription's invoices, oldest first, paged by keyset like every list. */
    @GET
    @Path("/{subscriptionId}/invoices")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "A subscription's invoices, oldest first")
    @Parameter(name = "subscriptionId", in = ParameterIn.PATH, description = "The subscription id (1–64 of [A-Za-z0-9._-])", schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._-]{1,64}$"))
    @APIResponse(responseCode = "200", description = "One page of invoices (JSON or CSV); Link: rel=next names the next page", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.InvoicePage.class)), @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> invoices(@PathParam("subscriptionId") String subscriptionId, @QueryParam("cursor") String cursor,
                                  @QueryParam("limit") String limit, @Context UriInfo uri, @Context HttpHeaders headers) {
        int size = QueryParams.limit(limit);
        return invoices.list(caller.actor(), Params.externalId(subscriptionId, "Subscription"), cursor, size)
                .map(slice -> {
                    List<InvoiceResponse> items = slice.items().stream().map(SubscriptionMapper::toResponse).toList();
                    if (!Csv.wanted(headers)) {
                        return PageLinks.ok(new Page<>(items, slice.nextCursor()), uri);
                    }
                    return withNextLink(Csv.response("invoices.csv", List.of("invoiceId", "number", "subscriptionId", "customerId",
                                    "periodStart", "periodEnd", "amount", "currency", "dueDate", "status", "issuedAt", "paidAt", "version", "paidAmount"),
                            items.stream().map(i -> java.util.Arrays.<Object>asList(i.invoiceId(), i.number(), i.subscriptionId(),
                                    i.customerId(), i.periodStart(), i.periodEnd(), i.amount(), i.currency(), i.dueDate(),
                                    i.status(), i.issuedAt(), i.paidAt(), i.version(), i.paidAmount())).toList()), slice.nextCursor(), uri);
                });
    }

    @POST
    @Path("/{subscriptionId}/invoices")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an invoice for a subscription")
    @Parameter(name = "subscriptionId", in = ParameterIn.PATH, description = "The subscription id (1–64 of [A-Za-z0-9._-])", schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._-]{1,64}$"))
    @APIResponse(responseCode = "201", description = "Created (a replayed Idempotency-Key answers the first answer with Idempotent-Replayed: true)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvoiceResponse.class)))
    public Uni<Response> issueInvoice(@PathParam("subscriptionId") String subscriptionId,
                                      @Valid @NotNull InvoiceRequests.Issue request,
                                      @HeaderParam("Idempotency-Key") Optional<String> key, @Context UriInfo uri) {
        Actor actor = caller.actor();
        String id = Params.externalId(subscriptionId, "Subscription");
        return idempotent.inTransaction(actor, key, "POST /subscriptions/" + id + "/invoices", request,
                        () -> queries.visible(actor, id, "Subscription"),
                        () -> invoices.issue(actor, id, new InvoiceService.NewInvoice(request.number().strip(), request.periodStart(),
                                        request.periodEnd(), request.amount(), request.currency(), request.dueDate()))
                                .map(invoice -> new IdempotentRequests.Result(201, SubscriptionMapper.toResponse(invoice))))
                .map(Answers::of);
    }

    private Uni<SubscriptionResponse> transition(String subscriptionId, Transition transition) {
        return lifecycle.transition(caller.actor(), Params.externalId(subscriptionId, "Subscription"), transition)
                .map(SubscriptionMapper::toResponse);
    }

    static Response page(Page<SubscriptionResponse> page, UriInfo uri, HttpHeaders headers) {
        if (Csv.wanted(headers)) {
            List<List<?>> rows = new ArrayList<>();
            for (SubscriptionResponse s : page.items()) {
                if (s.lines().isEmpty()) {
                    rows.add(row(s, null));
                }
                for (SubscriptionResponse.Line line : s.lines()) {
                    rows.add(row(s, line));
                }
            }
            Response csv = Csv.response("subscriptions.csv", List.of("subscriptionId", "customerId", "type", "status", "startDate",
                    "endDate", "renewalDate", "autoRenew", "termMonths", "product", "sku", "purchased", "assigned", "used",
                    "available", "overage"), rows);
            return withNextLink(csv, page.nextCursor(), uri);
        }
        return PageLinks.ok(page, uri);
    }

    /** A CSV page keeps the {@code Link} to the next page, as the JSON one does. */
    static Response withNextLink(Response csv, String nextCursor, UriInfo uri) {
        if (nextCursor == null) {
            return csv;
        }
        return Response.fromResponse(csv).header("Link", "<" + uri.getRequestUriBuilder()
                .replaceQueryParam("cursor", nextCursor).build() + ">; rel=\"next\"").build();
    }

    private static List<?> row(SubscriptionResponse s, SubscriptionResponse.Line l) {
        List<Object> row = new ArrayList<>(List.of(s.subscriptionId(), s.customerId(), s.type(), s.status(), s.startDate(),
                s.endDate()));
        row.add(s.renewalDate());
        row.add(s.autoRenew());
        row.add(s.termMonths());
        if (l == null) {
            row.addAll(java.util.Arrays.asList(null, null, null, null, null, null, null));
        } else {
            row.addAll(List.of(l.product(), l.sku(), l.purchased(), l.assigned(), l.used(), l.available(), l.overage()));
        }
        return row;
    }
}
