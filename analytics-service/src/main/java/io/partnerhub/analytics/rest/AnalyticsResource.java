package io.partnerhub.analytics.rest;

import io.partnerhub.analytics.Product;
import io.partnerhub.analytics.mapping.AnalyticsCsv;
import io.partnerhub.analytics.repository.Viewer;
import io.partnerhub.analytics.service.AnalyticsViews;
import io.partnerhub.analytics.service.AnalyticsViews.Section;
import io.partnerhub.analytics.service.SubscriptionAnalytics;
import io.partnerhub.analytics.service.TablePage;
import io.partnerhub.platform.runtime.csv.Csv;
import io.partnerhub.platform.runtime.paging.PageLinks;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.rest.QueryParams;
import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.core.security.Roles;
import io.smallrye.mutiny.Uni;
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
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Subscription analytics: the top KPIs and the six sections of one product. Every read takes {@code asOf} (default
 * today, UTC) and answers JSON, or the whole table as CSV for {@code Accept: text/csv}; tables are keyset pages
 * ({@code limit}, {@code cursor}, {@code nextCursor}, {@code Link}) while section KPIs cover the whole set.
 */
@Path("/api/v1/analytics")
@RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
@Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
public class AnalyticsResource {

    static final int DEFAULT_WEEKS = 12;
    static final int MAX_WEEKS = 104;

    private final SubscriptionAnalytics analytics;
    private final Caller caller;
    private final Clock clock;

    public AnalyticsResource(SubscriptionAnalytics analytics, Caller caller, Clock clock) {
        this.analytics = analytics;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Path("/kpis")
    @Operation(summary = "Top KPIs over Meetings and Calling lines, each customer counted once")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnalyticsViews.Kpis.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> kpis(@QueryParam("asOf") String asOf,
                              @Context HttpHeaders headers) {
        LocalDate date = QueryParams.asOf(asOf, clock);
        boolean csv = Csv.wanted(headers);
        return analytics.kpis(viewer(), date).map(k -> csv ? AnalyticsCsv.kpis(k) : json(k));
    }

    @GET
    @Path("/license-trend")
    @Operation(summary = "Σ purchased, assigned and used of the product's live lines at each week end (Saturday), oldest first")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnalyticsViews.Trend.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> trend(@Parameter(required = true, description = "The product", schema = @Schema(type = SchemaType.STRING, enumeration = {"MEETINGS", "CALLING"})) @QueryParam("product") String product,
                               @Parameter(description = "How many weeks, 1–104 (default 12)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "104", defaultValue = "12")) @QueryParam("weeks") String weeks,
                               @QueryParam("asOf") String asOf, @Context HttpHeaders headers) {
        Product p = product(product);
        int n = weeks(weeks);
        LocalDate date = QueryParams.asOf(asOf, clock);
        boolean csv = Csv.wanted(headers);
        return analytics.trend(viewer(), p, date, n).map(t -> csv ? AnalyticsCsv.trend(t) : json(t));
    }

    @GET
    @Path("/recently-added")
    @Operation(summary = "Lines started in the last 90 days: new customers, total licenses, and the lines, newest first")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnalyticsViews.RecentlyAddedSection.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> recentlyAdded(@Parameter(required = true, description = "The product", schema = @Schema(type = SchemaType.STRING, enumeration = {"MEETINGS", "CALLING"})) @QueryParam("product") String product, @QueryParam("asOf") String asOf,
                                       @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                       @Context HttpHeaders headers, @Context UriInfo uri) {
        Request r = request(product, asOf, limit, cursor, headers);
        return answer(r, uri, analytics.recentlyAdded(viewer(), r.product, r.asOf, r.page), AnalyticsCsv::recentlyAdded);
    }

    @GET
    @Path("/expiring")
    @Operation(summary = "Live lines ending in the next 90 days that will not auto-renew, soonest first")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnalyticsViews.ExpiringSection.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> expiring(@Parameter(required = true, description = "The product", schema = @Schema(type = SchemaType.STRING, enumeration = {"MEETINGS", "CALLING"})) @QueryParam("product") String product, @QueryParam("asOf") String asOf,
                                  @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                  @Context HttpHeaders headers, @Context UriInfo uri) {
        Request r = request(product, asOf, limit, cursor, headers);
        return answer(r, uri, analytics.expiring(viewer(), r.product, r.asOf, r.page), AnalyticsCsv::expiring);
    }

    @GET
    @Path("/renewing")
    @Operation(summary = "ACTIVE auto-renew subscriptions whose term ends in the next 90 days, soonest first")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnalyticsViews.RenewingSection.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> renewing(@Parameter(required = true, description = "The product", schema = @Schema(type = SchemaType.STRING, enumeration = {"MEETINGS", "CALLING"})) @QueryParam("product") String product, @QueryParam("asOf") String asOf,
                                  @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                  @Context HttpHeaders headers, @Context UriInfo uri) {
        Request r = request(product, asOf, limit, cursor, headers);
        return answer(r, uri, analytics.renewing(viewer(), r.product, r.asOf, r.page), AnalyticsCsv::renewing);
    }

    @GET
    @Path("/low-allocation")
    @Operation(summary = "Lines whose assigned share is below half the median of the partner's eligible lines, lowest first")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnalyticsViews.LowAllocationSection.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> lowAllocation(@Parameter(required = true, description = "The product", schema = @Schema(type = SchemaType.STRING, enumeration = {"MEETINGS", "CALLING"})) @QueryParam("product") String product, @QueryParam("asOf") String asOf,
                                       @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                       @Context HttpHeaders headers, @Context UriInfo uri) {
        Request r = request(product, asOf, limit, cursor, headers);
        return answer(r, uri, analytics.lowAllocation(viewer(), r.product, r.asOf, r.page), AnalyticsCsv::lowAllocation);
    }

    @GET
    @Path("/overage")
    @Operation(summary = "Live lines with more licenses assigned than purchased, largest overage first")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnalyticsViews.OverageSection.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> overage(@Parameter(required = true, description = "The product", schema = @Schema(type = SchemaType.STRING, enumeration = {"MEETINGS", "CALLING"})) @QueryParam("product") String product, @QueryParam("asOf") String asOf,
                                 @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                 @Context HttpHeaders headers, @Context UriInfo uri) {
        Request r = request(product, asOf, limit, cursor, headers);
        return answer(r, uri, analytics.overage(viewer(), r.product, r.asOf, r.page), AnalyticsCsv::overage);
    }

    /** A table read's parameters, checked before anything runs. */
    private record Request(Product product, LocalDate asOf, TablePage page, boolean csv) {
    }

    private Request request(String product, String asOf, String limit, String cursor, HttpHeaders headers) {
        Product p = product(product);
        LocalDate date = QueryParams.asOf(asOf, clock);
        boolean csv = Csv.wanted(headers);
        int size = QueryParams.limit(limit);
        return new Request(p, date, csv ? TablePage.ALL : TablePage.of(size, cursor), csv);
    }

    private static <K, R> Uni<Response> answer(Request request, UriInfo uri, Uni<Section<K, R>> section,
                                               Function<List<R>, Response> csv) {
        return section.map(s -> {
            if (request.csv()) {
                return csv.apply(s.items());
            }
            return PageLinks.next(Response.ok(s, MediaType.APPLICATION_JSON), uri, s.nextCursor()).build();
        });
    }

    private Viewer viewer() {
        Actor actor = caller.actor();
        return new Viewer(actor.partnerOrgId(), actor.assignedOnly() ? actor.subject() : null);
    }

    private static Response json(Object body) {
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    private static Product product(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("product", "is required: MEETINGS or CALLING");
        }
        Product product = Product.of(value.strip());
        if (product == null) {
            throw ProblemException.badRequest("product", "must be one of MEETINGS, CALLING");
        }
        return product;
    }

    private static int weeks(String value) {
        return QueryParams.wholeNumber("weeks", value, DEFAULT_WEEKS, 1, MAX_WEEKS);
    }
}
