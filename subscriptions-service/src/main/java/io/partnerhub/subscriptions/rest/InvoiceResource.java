package io.partnerhub.subscriptions.rest;

import io.partnerhub.platform.runtime.security.Actor;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.core.security.Roles;
import io.partnerhub.subscriptions.mapping.SubscriptionMapper;
import io.partnerhub.subscriptions.service.IdempotentRequests;
import io.partnerhub.subscriptions.service.InvoiceService;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

@Path("/api/v1/invoices")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {

    private final InvoiceService invoices;
    private final IdempotentRequests idempotent;
    private final Caller caller;

    public InvoiceResource(InvoiceService invoices, IdempotentRequests idempotent, Caller caller) {
        this.invoices = invoices;
        this.idempotent = idempotent;
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

    /**
     * Records a payment: 200 with the invoice, PAID once its payments cover its amount, else still OPEN or OVERDUE
     * with the new {@code paidAmount}. A payment on a PAID invoice is 409; more than is still owed is 400.
     */
    @POST
    @Path("/{invoiceId}/payments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    @Operation(summary = "Record a payment of an invoice",
            description = "amount: greater than 0, at most 2 decimals, at most what the invoice still owes (amount − paidAmount)."
                    + " The invoice is PAID once its payments cover its amount; a partial payment leaves it OPEN or OVERDUE."
                    + " The payment that makes it PAID resumes a subscription suspended for non-payment when no other of its"
                    + " invoices is overdue past the grace period.")
    @Parameter(name = "invoiceId", in = ParameterIn.PATH, description = "The invoice id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvoiceRequests.Payment.class)))
    @APIResponse(responseCode = "409", description = "The invoice is already paid")
    @APIResponse(responseCode = "200", description = "The invoice with the payment recorded (a replayed Idempotency-Key answers the first answer with Idempotent-Replayed: true)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvoiceResponse.class)))
    public Uni<Response> pay(@PathParam("invoiceId") String invoiceId, @Valid @NotNull InvoiceRequests.Payment payment,
                             @HeaderParam("Idempotency-Key") Optional<String> key) {
        Actor actor = caller.actor();
        UUID id = Params.uuid(invoiceId, "Invoice");
        return idempotent.inTransaction(actor, key, "POST /invoices/" + id + "/payments", payment,
                        () -> invoices.get(actor, id),
                        () -> invoices.pay(actor, id, new InvoiceService.NewPayment(payment.amount(), payment.reference()))
                                .map(invoice -> new IdempotentRequests.Result(200, SubscriptionMapper.toResponse(invoice))))
                .map(Answers::of);
    }
}
