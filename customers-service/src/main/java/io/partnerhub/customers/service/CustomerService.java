package io.partnerhub.customers.service;

import io.partnerhub.customers.Customer;
import io.partnerhub.customers.CustomerAdmin;
import io.partnerhub.customers.CustomerTag;
import io.partnerhub.customers.Tag;
import io.partnerhub.customers.event.CustomerEvents;
import io.partnerhub.customers.event.CustomerEvents.CustomerState;
import io.partnerhub.customers.repository.AdminRepository;
import io.partnerhub.customers.repository.CustomerRepository;
import io.partnerhub.platform.runtime.ids.CustomerIds;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.partnerhub.customers.repository.CustomerStatuses;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/** Use cases that change customers; each writes its event and audit entry in the same transaction. */
@ApplicationScoped
public class CustomerService {

    public static final int MAX_TAGS_PER_CUSTOMER = 20;

    private final CustomerRepository customers;
    private final AdminRepository admins;
    private final CustomerEvents events;
    private final AuditLog audit;
    private final LaunchLinks launchLinks;
    private final Clock clock;

    public CustomerService(CustomerRepository customers, AdminRepository admins, CustomerEvents events, AuditLog audit,
                           LaunchLinks launchLinks, Clock clock) {
        this.customers = customers;
        this.admins = admins;
        this.events = events;
        this.audit = audit;
        this.launchLinks = launchLinks;
        this.clock = clock;
    }

    /** Creates a customer; a partner-admin who creates one is assigned to it. */
    @WithTransaction
    public Uni<UUID> create(Actor actor, NewCustomer request) {
        return createNew(actor, request);
    }

    private Uni<UUID> createNew(Actor actor, NewCustomer request) {
        return rejectDuplicateExternalId(actor, request.externalId())
                .chain(() -> newId(actor, request.externalId()))
                .chain(id -> insert(actor, request, id));
    }

    /**
     * A customer with an external id gets the id subscriptions-service derives for it from orders, so both meet; a
     * re-created one (the first is deleted, ids are never reused) gets a random id.
     */
    private Uni<UUID> newId(Actor actor, String externalId) {
        if (externalId == null) {
            return Uni.createFrom().item(UUID.randomUUID());
        }
        UUID derived = CustomerIds.fromExternalId(actor.partnerOrgId(), externalId);
        return customers.findById(derived).map(existing -> existing == null ? derived : UUID.randomUUID());
    }

    private Uni<UUID> insert(Actor actor, NewCustomer request, UUID id) {
        Instant now = now();
        Customer customer = new Customer();
        customer.id = id;
        customer.partnerOrgId = actor.partnerOrgId();
        customer.name = request.name().strip();
        customer.externalId = request.externalId();
        customer.managedBy = request.managedBy();
        customer.createdAt = now;
        customer.createdBy = actor.subject();
        customer.version = 1;
        List<String> adminIds = actor.assignedOnly() ? List.of(actor.subject()) : List.of();
        return customers.persist(customer)
                .chain(() -> assign(customer.id, adminIds, now))
                .chain(() -> customers.flush())
                .chain(() -> Panache.getSession().chain(session -> CustomerStatuses.refresh(session, customer.id)))
                .chain(() -> events.customerChanged(CustomerEvents.CREATED, customer, adminIds, List.of()))
                .chain(() -> audit.record(actor, "customer.created", "customer", customer.id.toString(), customer.id, null,
                        CustomerState.of(customer, adminIds, List.of())))
                .replaceWith(customer.id);
    }

    /** Changes name and/or managedBy; a stale {@code If-Match} version is 412. */
    @WithTransaction
    public Uni<Void> update(Actor actor, UUID id, CustomerChange change, OptionalLong ifMatch) {
        return visible(actor, id).chain(customer -> {
            if (ifMatch.isPresent() && ifMatch.getAsLong() != customer.version) {
                return Uni.createFrom().failure(ProblemException.preconditionFailed(
                        "The customer changed since version " + ifMatch.getAsLong() + "; it is at version " + customer.version));
            }
            if (change.name().isEmpty() && change.managedBy().isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return state(customer).chain(before -> {
                change.name().ifPresent(name -> customer.name = name.strip());
                change.managedBy().ifPresent(managedBy -> customer.managedBy = managedBy);
                customer.version++;
                return publish(actor, CustomerEvents.UPDATED, "customer.updated", customer, before, Map.of());
            });
        });
    }

    /** Soft delete: the customer disappears from every list and read; its history stays. */
    @WithTransaction
    public Uni<Void> delete(Actor actor, UUID id) {
        return visible(actor, id).chain(customer -> state(customer).chain(before -> {
            customer.deleted = true;
            customer.version++;
            return publish(actor, CustomerEvents.DELETED, "customer.deleted", customer, before, Map.of());
        }));
    }

    @WithTransaction
    public Uni<Void> tag(Actor actor, UUID id, UUID tagId) {
        // the customer's row is locked before its tags are counted, so parallel assignments take turns and the
        // limit holds however many race
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select id from customer where id = ?1 for update")
                        .setParameter(1, id).getResultList())
                .chain(() -> visible(actor, id))
                .chain(customer -> Tag.<Tag>find("id = ?1 and partnerOrgId = ?2", tagId, actor.partnerOrgId())
                .firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Tag"))
                .chain(tag -> customers.tagIds(customer.id).chain(tagIds -> {
                    if (tagIds.contains(tagId.toString())) {
                        return Uni.createFrom().voidItem();
                    }
                    if (tagIds.size() >= MAX_TAGS_PER_CUSTOMER) {
                        return Uni.createFrom().failure(ProblemException.conflict(
                                "A customer carries at most " + MAX_TAGS_PER_CUSTOMER + " tags"));
                    }
                    return state(customer).chain(before -> {
                        CustomerTag link = new CustomerTag();
                        link.customerId = customer.id;
                        link.tagId = tagId;
                        link.taggedAt = now();
                        customer.version++;
                        return link.persist().chain(() -> Panache.getSession().chain(s -> s.flush()))
                                .chain(() -> publish(actor, CustomerEvents.TAGGED, "customer.tagged", customer, before,
                                        Map.of("tagId", tagId.toString())));
                    });
                })));
    }

    @WithTransaction
    public Uni<Void> untag(Actor actor, UUID id, UUID tagId) {
        return visible(actor, id).chain(customer -> state(customer).chain(before -> CustomerTag
                .delete("customerId = ?1 and tagId = ?2", customer.id, tagId)
                .chain(deleted -> {
                    if (deleted == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    customer.version++;
                    return publish(actor, CustomerEvents.UNTAGGED, "customer.untagged", customer, before,
                            Map.of("tagId", tagId.toString()));
                })));
    }

    @WithTransaction
    public Uni<Void> assignAdmin(Actor actor, UUID id, String adminId) {
        return visible(actor, id).chain(customer -> admins.findActive(actor.partnerOrgId(), adminId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Admin"))
                .chain(admin -> customers.adminIds(customer.id))
                .chain(adminIds -> {
                    if (adminIds.contains(adminId)) {
                        return Uni.createFrom().voidItem();
                    }
                    return state(customer).chain(before -> {
                        customer.version++;
                        return assign(customer.id, List.of(adminId), now())
                                .chain(() -> Panache.getSession().chain(s -> s.flush()))
                                .chain(() -> publish(actor, CustomerEvents.ADMIN_ASSIGNED, "customer.admin-assigned", customer,
                                        before, Map.of("adminId", adminId)));
                    });
                }));
    }

    @WithTransaction
    public Uni<Void> unassignAdmin(Actor actor, UUID id, String adminId) {
        return visible(actor, id).chain(customer -> state(customer).chain(before -> CustomerAdmin
                .delete("customerId = ?1 and adminId = ?2", customer.id, adminId)
                .chain(deleted -> {
                    if (deleted == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    customer.version++;
                    return publish(actor, CustomerEvents.ADMIN_UNASSIGNED, "customer.admin-unassigned", customer, before,
                            Map.of("adminId", adminId));
                })));
    }

    /**
     * Takes a tag off every customer carrying it (the tag is being deleted): each customer steps its version and
     * emits {@code customer.untagged}, in the caller's transaction.
     */
    public Uni<Void> untagEverywhere(Actor actor, UUID tagId) {
        return Customer.<Customer>list("""
                        from Customer c where c.partnerOrgId = ?1
                         and exists (select 1 from CustomerTag t where t.customerId = c.id and t.tagId = ?2) order by c.id""",
                        actor.partnerOrgId(), tagId)
                .chain(carriers -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Customer customer : carriers) {
                        chain = chain.chain(() -> state(customer).chain(before -> CustomerTag
                                .delete("customerId = ?1 and tagId = ?2", customer.id, tagId)
                                .chain(() -> {
                                    customer.version++;
                                    return publish(actor, CustomerEvents.UNTAGGED, "customer.untagged", customer, before,
                                            Map.of("tagId", tagId.toString()));
                                })));
                    }
                    return chain;
                });
    }

    /** A short-lived signed link into the customer's org; audited. */
    @WithTransaction
    public Uni<LaunchLink> launch(Actor actor, UUID id) {
        return visible(actor, id).chain(customer -> {
            LaunchLink link = launchLinks.issue(actor, customer.id);
            return audit.record(actor, "customer.launched", "customer", customer.id.toString(), customer.id, null,
                    Map.of("expiresAt", link.expiresAt().toString())).replaceWith(link);
        });
    }

    /** Fails with 404 unless the actor sees the customer. */
    @WithTransaction
    public Uni<Void> checkVisible(Actor actor, UUID id) {
        return visible(actor, id).replaceWithVoid();
    }

    private Uni<Customer> visible(Actor actor, UUID id) {
        return customers.findVisible(actor, id).onItem().ifNull().failWith(() -> ProblemException.notFound("Customer"));
    }

    private Uni<CustomerState> state(Customer customer) {
        return customers.adminIds(customer.id).chain(adminIds -> customers.tagIds(customer.id)
                .map(tagIds -> CustomerState.of(customer, adminIds, tagIds)));
    }

    private Uni<Void> publish(Actor actor, String eventType, String action, Customer customer, CustomerState before,
                              Map<String, Object> extra) {
        return customers.flush()
                .chain(() -> customers.adminIds(customer.id))
                .chain(adminIds -> customers.tagIds(customer.id).chain(tagIds -> events
                        .customerChanged(eventType, customer, adminIds, tagIds, extra)
                        .chain(() -> audit.record(actor, action, "customer", customer.id.toString(), customer.id, before,
                                CustomerState.of(customer, adminIds, tagIds)))));
    }

    private Uni<Void> rejectDuplicateExternalId(Actor actor, String externalId) {
        if (externalId == null) {
            return Uni.createFrom().voidItem();
        }
        return customers.countExternalId(actor.partnerOrgId(), externalId)
                .invoke(count -> {
                    if (count > 0) {
                        throw ProblemException.conflict("A customer with externalId " + externalId + " exists already");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> assign(UUID customerId, List<String> adminIds, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String adminId : adminIds) {
            CustomerAdmin assignment = new CustomerAdmin();
            assignment.customerId = customerId;
            assignment.adminId = adminId;
            assignment.assignedAt = now;
            chain = chain.chain(() -> assignment.persist()).replaceWithVoid();
        }
        return chain;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
