package io.partnerhub.callingmetrics.rest;

import io.partnerhub.callingmetrics.Week;
import io.partnerhub.callingmetrics.mapping.CallingCsv;
import io.partnerhub.callingmetrics.service.CallingEngagement;
import io.partnerhub.callingmetrics.service.CallingViews;
import io.partnerhub.callingmetrics.service.CustomerTablePage;
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
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Calling engagement reads. Each takes {@code asOf} (default today, UTC) and {@code week=last|current} (default
 * last: the last completed Sunday–Saturday week before asOf) and answers JSON, or CSV for {@code Accept: text/csv}.
 */
@Path("/api/v1/calling")

@RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
@Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
public class CallingEngagementResource {

    private final CallingEngagement engagement;
    private final Caller caller;
    private final Clock clock;

    public CallingEngagementResource(CallingEngagement engagement, Caller caller, Clock clock) {
        this.engagement = engagement;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Path("/usage/users")
    @Operation(summary = "Users by usage trend: 8 weeks of active users, calls, minutes; HEAVY/REGULAR/LIGHT buckets")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallingViews.UserUsage.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> usageUsers(@QueryParam("asOf") String asOf,
                                    @QueryParam("week") String week,
                                    @Context HttpHeaders headers) {
        return answer(headers, engagement.userUsage(actor(), asOf(asOf), week(week)), CallingCsv::userUsage);
    }

    @GET
    @Path("/usage/customers")
    @Operation(summary = "Customers & usage: customers with records in the week or the week before")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallingViews.CustomerUsage.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> usageCustomers(@QueryParam("asOf") String asOf, @QueryParam("week") String week,
                                        @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                        @Context HttpHeaders headers, @Context UriInfo uri) {
        boolean csv = Csv.wanted(headers);
        return paged(uri, csv, engagement.customerUsage(actor(), asOf(asOf), week(week), page(csv, limit, cursor)),
                CallingCsv::customerUsage, CallingViews.CustomerUsage::nextCursor);
    }

    @GET
    @Path("/quality/trend")
    @Operation(summary = "Call quality per week of the 8: calls, poor calls, poor %")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallingViews.QualityTrend.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> qualityTrend(@QueryParam("asOf") String asOf, @QueryParam("week") String week,
                                      @Context HttpHeaders headers) {
        return answer(headers, engagement.qualityTrend(actor(), asOf(asOf), week(week)), CallingCsv::qualityTrend);
    }

    @GET
    @Path("/quality/endpoints")
    @Operation(summary = "Call quality by endpoint type in the week")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallingViews.EndpointQuality.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> qualityEndpoints(@QueryParam("asOf") String asOf, @QueryParam("week") String week,
                                          @Context HttpHeaders headers) {
        return answer(headers, engagement.endpointQuality(actor(), asOf(asOf), week(week)), CallingCsv::endpointQuality);
    }

    @GET
    @Path("/quality/customers")
    @Operation(summary = "Customers & call quality, with the change in percentage points versus the week before")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallingViews.CustomerQuality.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> qualityCustomers(@QueryParam("asOf") String asOf, @QueryParam("week") String week,
                                          @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                          @Context HttpHeaders headers, @Context UriInfo uri) {
        boolean csv = Csv.wanted(headers);
        return paged(uri, csv, engagement.customerQuality(actor(), asOf(asOf), week(week), page(csv, limit, cursor)),
                CallingCsv::customerQuality, CallingViews.CustomerQuality::nextCursor);
    }

    @GET
    @Path("/features")
    @Operation(summary = "Advanced calling feature use in the week, over customers with call queues")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallingViews.FeatureUsage.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> features(@QueryParam("asOf") String asOf, @QueryParam("week") String week,
                                  @Context HttpHeaders headers) {
        return answer(headers, engagement.features(actor(), asOf(asOf), week(week)), CallingCsv::features);
    }

    @GET
    @Path("/queues")
    @Operation(summary = "Call queue KPIs and per-customer table for the week")
    @APIResponse(responseCode = "200", description = "OK", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallingViews.QueueInsights.class)),
            @Content(mediaType = Csv.MEDIA_TYPE)})
    public Uni<Response> queues(@QueryParam("asOf") String asOf, @QueryParam("week") String week,
                                @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                @Context HttpHeaders headers, @Context UriInfo uri) {
        boolean csv = Csv.wanted(headers);
        return paged(uri, csv, engagement.queues(actor(), asOf(asOf), week(week), page(csv, limit, cursor)),
                CallingCsv::queues, CallingViews.QueueInsights::nextCursor);
    }

    private Actor actor() {
        return caller.actor();
    }

    private LocalDate asOf(String value) {
        return QueryParams.asOf(value, clock);
    }

    private static Week.WeekChoice week(String value) {
        Week.WeekChoice choice = Week.WeekChoice.parse(value);
        if (choice == null) {
            throw ProblemException.badRequest("week", "must be one of last, current");
        }
        return choice;
    }

    /** A CSV export holds the whole table; JSON is paged (limit 1–500, default 50). */
    private static CustomerTablePage page(boolean csv, String limit, String cursor) {
        return csv ? CustomerTablePage.ALL : CustomerTablePage.of(QueryParams.limit(limit), cursor);
    }

    /** JSON with {@code Link: <…>; rel="next"} (every query parameter kept) when there is a next page, or CSV. */
    private static <T> Uni<Response> paged(UriInfo uri, boolean csv, Uni<T> view, Function<T, Response> toCsv,
                                           Function<T, String> nextCursor) {
        return view.map(v -> {
            if (csv) {
                return toCsv.apply(v);
            }
            return PageLinks.next(Response.ok(v, MediaType.APPLICATION_JSON), uri, nextCursor.apply(v)).build();
        });
    }

    private static <T> Uni<Response> answer(HttpHeaders headers, Uni<T> view, Function<T, Response> csv) {
        boolean wantsCsv = Csv.wanted(headers);
        return view.map(v -> wantsCsv ? csv.apply(v) : Response.ok(v, MediaType.APPLICATION_JSON).build());
    }
}
