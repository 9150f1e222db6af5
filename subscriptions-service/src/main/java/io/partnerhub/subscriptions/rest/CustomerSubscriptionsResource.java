package io.partnerhub.subscriptions.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.partnerhub.subscriptions.mapping.OrderMapper;
import io.partnerhub.subscriptions.mapping.SubscriptionMapper;
import io.partnerhub.subscriptions.repository.SubscriptionRepository;
import io.partnerhub.subscriptions.service.CustomerDirectory;
import io.partnerhub.subscriptions.service.IdempotentRequests;
import io.partnerhub.subscriptions.service.SubscriptionQueries;
import io.partnerhub.subscriptions.service.TrialService;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A customer's subscriptions, trials and order history (customers-service owns the customer itself). A customer the
 * caller's partner does not have (unknown, another partner's, deleted) is 404 for every role, and so is one a
 * partner-admin does not see; the partner's customer with nothing is an empty list.
 */
@Path("/api/v1/customers/{customerId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CustomerSubscriptionsResource {

    private final SubscriptionQueries queries;
    private final TrialService trials;
    private final IdempotentRequests idempotent;
    private final Caller caller;
    private final ObjectMapper json;
    private final CustomerDirectory directory;

    public CustomerSubscriptionsResource(SubscriptionQueries queries, TrialService trials, IdempotentRequests idempotent,
                                         Caller caller, ObjectMapper json, CustomerDirectory directory) {
        this.directory = directory;
        this.queries = queries;
        this.trials = trials;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Path("/subscriptions")
    @Produces({MediaType.APPLICATION_JSON, io.partnerhub.platform.runtime.csv.Csv.MEDIA_TYPE})
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "A customer's subscriptions and trials")
    @APIResponse(responseCode = "404", description = "The customer is not the partner's (unknown, another partner's or deleted) or not visible to the caller; a customer just created is waited for briefly")
    @Parameter(name = "customerId", in = ParameterIn.PATH, description = "The customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @Parameter(name = "type", in = ParameterIn.QUERY, description = "Type (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = SubscriptionType.class))
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "Status (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = SubscriptionStatus.class))
    @Parameter(name = "product", in = ParameterIn.QUERY, description = "Product (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = Product.class))
    @APIResponse(responseCode = "200", description = "OK", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.SubscriptionPage.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> subscriptions(@PathParam("customerId") String customerId, @QueryParam("type") List<String> types,
                                       @QueryParam("status") List<String> statuses, @QueryParam("product") List<String> products,
                                       @QueryParam("asOf") String asOf, @QueryParam("cursor") String cursor,
                                       @QueryParam("limit") String limit,
                                       @Context UriInfo uri, @Context HttpHeaders headers) {
        return list(customerId, QueryParams.enumNames("type", types, SubscriptionType.class), statuses, products, asOf, cursor, limit, uri, headers);
    }

    @GET
    @Path("/trials")
    @Produces({MediaType.APPLICATION_JSON, io.partnerhub.platform.runtime.csv.Csv.MEDIA_TYPE})
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "A customer's trials")
    @APIResponse(responseCode = "404", description = "The customer is not the partner's (unknown, another partner's or deleted) or not visible to the caller; a customer just created is waited for briefly")
    @Parameter(name = "customerId", in = ParameterIn.PATH, description = "The customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "Status (repeatable)", schema = @Schema(type = SchemaType.ARRAY, implementation = SubscriptionStatus.class))
    @APIResponse(responseCode = "200", description = "OK", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.SubscriptionPage.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> trials(@PathParam("customerId") String customerId, @QueryParam("status") List<String> statuses,
                                @QueryParam("asOf") String asOf, @QueryParam("cursor") String cursor,
                                @QueryParam("limit") String limit,
                                @Context UriInfo uri, @Context HttpHeaders headers) {
        return list(customerId, List.of(SubscriptionType.TRIAL.name()), statuses, List.of(), asOf, cursor, limit, uri, headers);
    }

    @POST
    @Path("/trials")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Start a trial for a customer")
    @APIResponse(responseCode = "404", description = "The customer is not the partner's (unknown, another partner's or deleted) or not visible to the caller; a customer just created is waited for briefly")
    @Parameter(name = "customerId", in = ParameterIn.PATH, description = "The customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "201", description = "Created: the trial, a subscription of type TRIAL; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionResponse.class)))
    public Uni<Response> startTrial(@PathParam("customerId") String customerId, @Valid @NotNull TrialRequests.Start request,
                                    @HeaderParam("Idempotency-Key") Optional<String> key, @Context UriInfo uri) {
        Actor actor = caller.actor();
        UUID customer = Params.uuid(customerId, "Customer");
        return directory.require(actor, customer)
                .chain(() -> idempotent.inTransaction(actor, key, "POST /customers/" + customer + "/trials", request,
                        () -> queries.visibleCustomer(actor, customer),
                        () -> trials.start(actor, customer, new TrialService.NewTrial(request.products(), request.licenses(),
                                        request.durationDays(), request.startDate()))
                                .map(view -> new IdempotentRequests.Result(201, SubscriptionMapper.toResponse(view)))))
                .map(answer -> Answers.builder(answer)
                        .location(uri.getBaseUriBuilder().path("api/v1/subscriptions").path(subscriptionIdOf(answer.body())).build())
                        .build());
    }

    /** Order history, newest first; one CSV row per order line. */
    @GET
    @Path("/orders")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "A customer's order history, newest first")
    @APIResponse(responseCode = "404", description = "The customer is not the partner's (unknown, another partner's or deleted) or not visible to the caller; a customer just created is waited for briefly")
    @Parameter(name = "customerId", in = ParameterIn.PATH, description = "The customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "200", description = "One page of orders (CSV: one row per order line)", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiSchemas.OrderHistoryPage.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> orders(@PathParam("customerId") String customerId, @QueryParam("cursor") String cursor,
                                @QueryParam("limit") String limit, @Context UriInfo uri,
                                @Context HttpHeaders headers) {
        Actor actor = caller.actor();
        UUID customer = Params.uuid(customerId, "Customer");
        int size = QueryParams.limit(limit);
        return directory.require(actor, customer).chain(() -> queries.orders(actor, customer, cursor, size))
                .map(slice -> {
                    Page<OrderHistoryResponse> page = new Page<>(slice.items().stream().map(o -> OrderMapper.toHistory(o, json)).toList(),
                            slice.nextCursor());
                    if (!Csv.wanted(headers)) {
                        return PageLinks.ok(page, uri);
                    }
                    List<List<?>> rows = new java.util.ArrayList<>();
                    for (OrderHistoryResponse o : page.items()) {
                        for (OrderHistoryResponse.Line line : o.lines()) {
                            rows.add(java.util.Arrays.asList(o.orderId(), o.ccwOrderId(), o.revision(), o.subscriptionId(),
                                    o.customerId(), o.startDate(), o.termMonths(), o.autoRenew(), line.product(), line.sku(),
                                    line.quantity(), o.receivedAt(), o.status()));
                        }
                    }
                    return SubscriptionResource.withNextLink(Csv.response("orders.csv", List.of("orderId", "ccwOrderId", "revision",
                            "subscriptionId", "customerId", "startDate", "termMonths", "autoRenew", "product", "sku", "quantity",
                            "receivedAt", "status"), rows), page.nextCursor(), uri);
                });
    }

    private Uni<Response> list(String customerId, List<String> types, List<String> statuses, List<String> products, String asOf,
                               String cursor, String limit, UriInfo uri, HttpHeaders headers) {
        Actor actor = caller.actor();
        UUID customer = Params.uuid(customerId, "Customer");
        SubscriptionRepository.Filter filter = new SubscriptionRepository.Filter(actor.partnerOrgId(), List.of(customer.toString()),
                QueryParams.enumNames("status", statuses, SubscriptionStatus.class), QueryParams.enumNames("product", products, Product.class), types);
        int size = QueryParams.limit(limit);
        java.time.LocalDate date = QueryParams.date("asOf", asOf);
        return directory.require(actor, customer).chain(() -> queries.list(actor, filter, cursor, size, date))
                .map(slice -> SubscriptionResource.page(new Page<>(slice.items().stream().map(SubscriptionMapper::toResponse).toList(),
                        slice.nextCursor()), uri, headers));
    }

    private String subscriptionIdOf(String body) {
        try {
            return json.readTree(body).path("subscriptionId").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
