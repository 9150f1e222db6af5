package io.partnerhub.subscriptions.rest;

import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.core.security.Roles;
import io.partnerhub.subscriptions.mapping.SubscriptionMapper;
import io.partnerhub.subscriptions.service.IdempotentRequests;
import io.partnerhub.subscriptions.service.SubscriptionQueries;
import io.partnerhub.subscriptions.service.TrialService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/trials")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TrialResource {

    private final TrialService trials;
    private final SubscriptionQueries queries;
    private final IdempotentRequests idempotent;
    private final Caller caller;

    public TrialResource(TrialService trials, SubscriptionQueries queries, IdempotentRequests idempotent, Caller caller) {
        this.trials = trials;
        this.queries = queries;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @POST
    @Path("/{trialId}/extend")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Extend a trial by some days")
    @Parameter(name = "trialId", in = ParameterIn.PATH, description = "The trial's subscription id", schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._-]{1,64}$"))
    @APIResponse(responseCode = "409", description = "The trial cannot be extended in its state")
    @APIResponse(responseCode = "200", description = "The trial with its new end date", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionResponse.class)))
    public Uni<SubscriptionResponse> extend(@PathParam("trialId") String trialId, @Valid @NotNull TrialRequests.Extend request) {
        return trials.extend(caller.actor(), Params.externalId(trialId, "Trial"), request.days()).map(SubscriptionMapper::toResponse);
    }

    /** 201 with the new subscription; the trial becomes CONVERTED and names it in {@code convertedTo}. */
    @POST
    @Path("/{trialId}/convert")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Convert a trial into a subscription")
    @Parameter(name = "trialId", in = ParameterIn.PATH, description = "The trial's subscription id", schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._-]{1,64}$"))
    @APIResponse(responseCode = "201", description = "Created: the new subscription; the trial becomes CONVERTED", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionResponse.class)))
    public Uni<Response> convert(@PathParam("trialId") String trialId, @Valid @NotNull TrialRequests.Convert request,
                                 @HeaderParam("Idempotency-Key") Optional<String> key, @Context UriInfo uri) {
        Actor actor = caller.actor();
        String id = Params.externalId(trialId, "Trial");
        return idempotent.inTransaction(actor, key, "POST /trials/" + id + "/convert", request,
                        () -> queries.visible(actor, id, "Trial"),
                        () -> trials.convert(actor, id, new TrialService.Conversion(request.termMonths(),
                                        Boolean.TRUE.equals(request.autoRenew()), request.subscriptionId()))
                                .map(view -> new IdempotentRequests.Result(201, SubscriptionMapper.toResponse(view))))
                .map(Answers::of);
    }
}
