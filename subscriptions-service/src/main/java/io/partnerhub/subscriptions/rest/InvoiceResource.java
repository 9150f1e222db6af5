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
    public Uni<Response> get(@PathParam("invoiceId") String invoiceId) {
        return invoices.get(caller.actor(), Params.uuid(invoiceId, "Invoice")).map(SubscriptionMapper::toResponse)
                .map(i -> Response.ok(i).tag(new EntityTag(String.valueOf(i.version()))).build());
    }

    /** Settles the invoice (200 with the invoice, now PAID); paying twice is a conflict. */
    @POST
    @Path("/{invoiceId}/payments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    public Uni<InvoiceResponse> pay(@PathParam("invoiceId") String invoiceId, @Valid InvoiceRequests.Payment payment) {
        return invoices.pay(caller.actor(), Params.uuid(invoiceId, "Invoice")).map(SubscriptionMapper::toResponse);
    }
}
