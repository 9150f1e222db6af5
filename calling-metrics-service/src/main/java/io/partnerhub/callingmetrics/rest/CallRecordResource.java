package io.partnerhub.callingmetrics.rest;

import io.partnerhub.callingmetrics.service.CallRecordIngest;
import io.partnerhub.callingmetrics.service.IngestResult;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.core.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/calling/records")
@Authenticated
public class CallRecordResource {

    private final CallRecordIngest ingest;
    private final Caller caller;

    public CallRecordResource(CallRecordIngest ingest, Caller caller) {
        this.ingest = ingest;
        this.caller = caller;
    }

    /**
     * The body is taken as bytes and read item by item (one bad item is rejected alone, with its index and fields);
     * a body that is not well-formed JSON is a 400 problem (the parser's exception, mapped by the platform). Reading
     * 10,000 records takes tens of milliseconds of CPU, so it runs on a worker thread: the event loops stay free for
     * the database's answers, and a transaction holding the partner's aggregate rows commits without waiting behind
     * another request's parse.
     */
    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.USAGE_INGEST)
    @Operation(summary = "Ingest up to 10,000 call records",
            description = "Idempotent per callId: a replay is counted in duplicates. Invalid items are listed in rejected.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, maxItems = 10_000, implementation = CallRecordInput.class,
                    description = "Call detail records, at most 10,000; an item that is not valid is rejected alone")))
    @APIResponse(responseCode = "200", description = "The batch's outcome", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestResult.class)))
    public Uni<IngestResult> ingest(byte[] records) throws IOException {
        return ingest.ingest(caller.partnerOrgId(), records);
    }
}
