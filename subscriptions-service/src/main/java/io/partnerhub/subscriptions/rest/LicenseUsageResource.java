package io.partnerhub.subscriptions.rest;

import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.core.security.Roles;
import io.partnerhub.subscriptions.mapping.UsageMapper;
import io.partnerhub.subscriptions.service.LicenseUsageService;
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

/** Dated license snapshots from telemetry ({@code usage-ingest} only). */
@Path("/api/v1/license-usage")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LicenseUsageResource {

    static final int MAX_SNAPSHOTS = 10_000;

    private final LicenseUsageService usage;
    private final Caller caller;

    public LicenseUsageResource(LicenseUsageService usage, Caller caller) {
        this.usage = usage;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.USAGE_INGEST)
    @Operation(summary = "Ingest license usage snapshots: per item accepted or rejected")
    public Uni<LicenseUsageService.IngestResult> ingest(@NotNull List<UsageRequest> snapshots) {
        if (snapshots.size() > MAX_SNAPSHOTS) {
            throw ProblemException.badRequest("", "at most " + MAX_SNAPSHOTS + " snapshots per call");
        }
        UsageMapper.Checked checked = UsageMapper.check(snapshots);
        return usage.ingest(caller.actor(), checked.valid(), checked.rejected());
    }
}
