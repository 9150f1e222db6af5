package io.partnerhub.customers.rest;

import io.partnerhub.customers.mapping.CustomerMapper;
import io.partnerhub.customers.service.CustomerService;
import io.partnerhub.customers.service.NewCustomer;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Caller;
import io.partnerhub.platform.runtime.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

@Path("/api/v1/customers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CustomerService service;
    private final Caller caller;

    public CustomerResource(CustomerService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN})
    public Uni<Response> create(@Valid @NotNull CreateCustomerRequest request, @Context UriInfo uri) {
        return service.create(caller.actor(), new NewCustomer(request.name(), request.externalId(), request.managedBy()))
                .map(CustomerMapper::toResponse)
                .map(customer -> Response.created(uri.getAbsolutePathBuilder().path(customer.id()).build())
                        .tag(etag(customer)).entity(customer).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.FULL_ADMIN, Roles.ADMIN, Roles.READ_ONLY_ADMIN})
    public Uni<Response> get(@PathParam("id") String id) {
        return service.get(caller.actor(), parseId(id))
                .map(CustomerMapper::toResponse)
                .map(customer -> Response.ok(customer).tag(etag(customer)).build());
    }

    private static EntityTag etag(CustomerResponse customer) {
        return new EntityTag(String.valueOf(customer.version()));
    }

    /** A malformed id names no customer: 404, like any other invisible one. */
    static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Customer");
        }
    }
}
