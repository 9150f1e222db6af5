package io.partnerhub.customers.service;

import io.partnerhub.customers.Customer;
import io.partnerhub.customers.CustomerAdmin;
import io.partnerhub.customers.event.CustomerEvents;
import io.partnerhub.customers.repository.CustomerRepository;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CustomerService {

    private final CustomerRepository customers;
    private final CustomerEvents events;
    private final Clock clock;

    public CustomerService(CustomerRepository customers, CustomerEvents events, Clock clock) {
        this.customers = customers;
        this.events = events;
        this.clock = clock;
    }

    /** Creates a customer; a partner-admin who creates one is assigned to it. */
    @WithTransaction
    public Uni<CustomerView> create(Actor actor, NewCustomer request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.partnerOrgId = actor.partnerOrgId();
        customer.name = request.name().strip();
        customer.externalId = request.externalId();
        customer.managedBy = request.managedBy();
        customer.createdAt = now;
        customer.createdBy = actor.subject();
        customer.version = 1;
        List<String> adminIds = actor.assignedOnly() ? List.of(actor.subject()) : List.of();
        return rejectDuplicateExternalId(actor, request.externalId())
                .chain(() -> customers.persist(customer))
                .chain(() -> assign(customer, adminIds, now))
                .chain(() -> events.customerChanged(CustomerEvents.CREATED, customer, adminIds, List.of()))
                .chain(() -> customers.flush())
                .replaceWith(() -> new CustomerView(customer, adminIds));
    }

    @WithTransaction
    public Uni<CustomerView> get(Actor actor, UUID id) {
        return customers.findVisible(actor, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Customer"))
                .chain(customer -> customers.adminIds(customer.id).map(adminIds -> new CustomerView(customer, adminIds)));
    }

    private Uni<Void> rejectDuplicateExternalId(Actor actor, String externalId) {
        if (externalId == null) {
            return Uni.createFrom().voidItem();
        }
        return customers.count("partnerOrgId = ?1 and externalId = ?2 and deleted = false", actor.partnerOrgId(), externalId)
                .invoke(count -> {
                    if (count > 0) {
                        throw ProblemException.conflict("A customer with externalId " + externalId + " exists already");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> assign(Customer customer, List<String> adminIds, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String adminId : adminIds) {
            CustomerAdmin assignment = new CustomerAdmin();
            assignment.customerId = customer.id;
            assignment.adminId = adminId;
            assignment.assignedAt = now;
            chain = chain.chain(() -> assignment.persist()).replaceWithVoid();
        }
        return chain;
    }
}
