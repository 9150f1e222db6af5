package io.partnerhub.customers.service;

import io.partnerhub.customers.Tag;
import io.partnerhub.customers.event.CustomerEvents;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** Partner-wide custom tags: names unique per partner ignoring case. */
@ApplicationScoped
public class TagService {

    public record TagView(Tag tag, long customerCount) {
    }

    private final CustomerService customers;
    private final CustomerEvents events;
    private final AuditLog audit;
    private final Clock clock;

    public TagService(CustomerService customers, CustomerEvents events, AuditLog audit, Clock clock) {
        this.customers = customers;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** One tag of the partner with its customer count, or 404. */
    @WithTransaction
    public Uni<TagView> get(Actor actor, UUID id) {
        return find(actor, id).chain(tag -> countCustomers(tag.id).map(count -> new TagView(tag, count)));
    }

    @WithTransaction
    public Uni<TagView> create(Actor actor, String name, String color, String description) {
        Tag tag = new Tag();
        tag.id = UUID.randomUUID();
        tag.partnerOrgId = actor.partnerOrgId();
        tag.name = name.strip();
        tag.color = color;
        tag.description = description;
        tag.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        tag.version = 1;
        return rejectDuplicateName(actor, tag.name, null)
                .chain(() -> tag.persist())
                .chain(() -> events.tagChanged(CustomerEvents.TAG_CREATED, tag))
                .chain(() -> audit.record(actor, "tag.created", "tag", tag.id.toString(), null, null, CustomerEvents.TagState.of(tag)))
                .replaceWith(new TagView(tag, 0));
    }

    @WithTransaction
    public Uni<TagView> update(Actor actor, UUID id, Optional<String> name, Optional<String> color, Optional<String> description,
                               OptionalLong ifMatch) {
        return find(actor, id).chain(tag -> {
            if (ifMatch.isPresent() && ifMatch.getAsLong() != tag.version) {
                return Uni.createFrom().failure(ProblemException.preconditionFailed(
                        "The tag changed since version " + ifMatch.getAsLong() + "; it is at version " + tag.version));
            }
            CustomerEvents.TagState before = CustomerEvents.TagState.of(tag);
            Uni<Void> check = name.isPresent() ? rejectDuplicateName(actor, name.get().strip(), tag.id) : Uni.createFrom().voidItem();
            return check.chain(() -> {
                name.ifPresent(n -> tag.name = n.strip());
                color.ifPresent(c -> tag.color = c);
                description.ifPresent(d -> tag.description = d);
                tag.version++;
                return events.tagChanged(CustomerEvents.TAG_UPDATED, tag)
                        .chain(() -> audit.record(actor, "tag.updated", "tag", tag.id.toString(), null, before, CustomerEvents.TagState.of(tag)))
                        .chain(() -> countCustomers(tag.id))
                        .map(count -> new TagView(tag, count));
            });
        });
    }

    /**
     * Deleting a tag removes it from every customer, each with its {@code customer.untagged} event. A partner-admin
     * tags only the customers they see, so they may delete a tag only while no other customer carries it (409).
     */
    @WithTransaction
    public Uni<Void> delete(Actor actor, UUID id) {
        return find(actor, id).call(tag -> actor.assignedOnly() ? rejectCarriersOutOfView(actor, tag.id) : Uni.createFrom().voidItem())
                .chain(tag -> {
            CustomerEvents.TagState before = CustomerEvents.TagState.of(tag);
            tag.version++;
            return customers.untagEverywhere(actor, tag.id)
                    .chain(() -> events.tagChanged(CustomerEvents.TAG_DELETED, tag))
                    .chain(() -> audit.record(actor, "tag.deleted", "tag", tag.id.toString(), null, before, null))
                    .chain(() -> tag.delete());
        });
    }

    private Uni<Void> rejectCarriersOutOfView(Actor actor, UUID tagId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select count(*) from customer_tag ct join customer c on c.id = ct.customer_id
                         where ct.tag_id = ?1 and not c.deleted and c.created_by <> ?2
                           and not exists (select 1 from customer_admin a where a.customer_id = c.id and a.admin_id = ?2)""",
                        Long.class)
                .setParameter(1, tagId)
                .setParameter(2, actor.subject())
                .getSingleResult())
                .chain(outOfView -> outOfView == 0 ? Uni.createFrom().voidItem() : Uni.createFrom().failure(
                        ProblemException.conflict("The tag is on customers you do not manage; a partner-full-admin can delete it")));
    }

    private Uni<Tag> find(Actor actor, UUID id) {
        return Tag.<Tag>find("id = ?1 and partnerOrgId = ?2", id, actor.partnerOrgId()).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Tag"));
    }

    private Uni<Long> countCustomers(UUID tagId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select count(*) from customer_tag ct join customer c on c.id = ct.customer_id
                         where ct.tag_id = ?1 and not c.deleted""", Long.class)
                .setParameter(1, tagId)
                .getSingleResult());
    }

    private Uni<Void> rejectDuplicateName(Actor actor, String name, UUID except) {
        return Tag.count("partnerOrgId = ?1 and lower(name) = lower(?2) and id <> ?3", actor.partnerOrgId(), name,
                        except == null ? new UUID(0, 0) : except)
                .invoke(count -> {
                    if (count > 0) {
                        throw ProblemException.conflict("A tag named " + name + " exists already");
                    }
                })
                .replaceWithVoid();
    }
}
