package io.partnerhub.callingmetrics.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerhub.callingmetrics.service.CallRecordIngest;
import io.partnerhub.callingmetrics.service.IngestResult;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.runtime.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/calling/records")
@Authenticated
public class CallRecordResource {

    private final CallRecordIngest ingest;
    private final Caller caller;

    public CallRecordResource(CallRecordIngest ingest, Caller caller) {
        this.ingest = ingest;
        this.caller = caller;
    }

    /** The body is read as a JSON tree so that one bad item is rejected alone, with its index and fields. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.USAGE_INGEST)
    @Operation(summary = "Ingest up to 10,000 call records",
            description = "Idempotent per callId: a replay is counted in duplicates. Invalid items are listed in rejected.")
    public Uni<IngestResult> ingest(JsonNode records) {
        return ingest.ingest(caller.partnerOrgId(), records);
    }
}
