package io.partnerhub.subscriptions.rest;

import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.runtime.security.Roles;
import io.partnerhub.subscriptions.mapping.SubscriptionMapper;
import io.partnerhub.subscriptions.service.InvoiceService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/invoices")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {

    private final InvoiceService invoices;
    private final Caller caller;

    public InvoiceResource(InvoiceService invoices, Caller caller) {
        this.invoices = invoices;
        this.caller = caller;
    }

    /** The invoice; its {@code ETag} is its version (nothing else shows in it), so {@code If-None-Match} answers 304. */
    @GET
    @Path("/{invoiceId}")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    @Operation(summary = "An invoice")
    @Parameter(name = "invoiceId", in = ParameterIn.PATH, description = "The invoice id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "200", description = "The invoice; ETag its version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvoiceResponse.class)), headers = @Header(name = "ETag", description = ApiSchemas.ETAG, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> get(@PathParam("invoiceId") String invoiceId) {
        return invoices.get(caller.actor(), Params.uuid(invoiceId, "Invoice")).map(SubscriptionMapper::toResponse)
                .map(i -> Response.ok(i).tag(new EntityTag(String.valueOf(i.version()))).build());
    }

    /** Settles the invoice (200 with the invoice, now PAID); paying twice is a conflict. */
    @POST
    @Path("/{invoiceId}/payments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Record an invoice's payment")
    @Parameter(name = "invoiceId", in = ParameterIn.PATH, description = "The invoice id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "409", description = "The invoice is already paid or void")
    @APIResponse(responseCode = "200", description = "The paid invoice", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvoiceResponse.class)))
    public Uni<InvoiceResponse> pay(@PathParam("invoiceId") String invoiceId, @Valid InvoiceRequests.Payment payment) {
        return invoices.pay(caller.actor(), Params.uuid(invoiceId, "Invoice")).map(SubscriptionMapper::toResponse);
    }
}
