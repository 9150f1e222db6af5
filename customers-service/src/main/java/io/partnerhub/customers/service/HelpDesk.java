package io.partnerhub.customers.service;

import io.partnerhub.customers.repository.CustomerRepository;
import io.partnerhub.customers.repository.Keyset;
import io.partnerhub.platform.runtime.paging.Cursor;
import io.partnerhub.platform.runtime.paging.Page;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Resources & help: the help catalogue (PostgreSQL full-text search), support contacts and support requests. */
@ApplicationScoped
public class HelpDesk {

    public record Resource(UUID id, String title, String url, String type, List<String> products, List<String> topics,
                           boolean featured, boolean quickLink, String summary) {
    }

    public record Contact(UUID id, String product, String name, String email, String phone, String hours) {
    }

    public record SupportRequest(UUID id, String subject, String description, @Schema(nullable = true) String product,
                                 @Schema(nullable = true) UUID customerId,
                                 String status, String createdBy, Instant createdAt, Instant updatedAt, long version) {
    }

    public record ResourceQuery(String q, List<String> types, List<String> products, List<String> topics,
                                Boolean featured, Boolean quickLink) {
    }

    private final Pool pool;
    private final Clock clock;
    private final CustomerRepository customers;

    public HelpDesk(Pool pool, Clock clock, CustomerRepository customers) {
        this.pool = pool;
        this.clock = clock;
        this.customers = customers;
    }

    /**
     * Full-text search (English stemming, web-search syntax) ranked by relevance, then featured first; keyset-paged
     * over (-rank, not featured, title, id). {@code limit} null = every row (CSV).
     */
    public Uni<Page<Resource>> resources(ResourceQuery query, Cursor after, Integer limit) {
        String q = query.q() == null || query.q().isBlank() ? null : query.q().strip();
        Float rank = null;
        Boolean notFeatured = null;
        String title = null;
        UUID id = null;
        if (after != null) {
            rank = after.value(0, Float::valueOf);
            notFeatured = Boolean.valueOf(after.value(1));
            title = after.value(2);
            id = after.value(3, UUID::fromString);
        }
        return pool.preparedQuery("""
                        select * from (
                          select id, title, url, type, products, topics, featured, quick_link, summary,
                                 (case when $1::text is null then 0
                                       else -ts_rank(search, websearch_to_tsquery('english', $1)) end)::real as rank_key
                            from help_resource
                           where ($1::text is null or search @@ websearch_to_tsquery('english', $1))
                             and (cardinality($2::text[]) = 0 or type = any($2::text[]))
                             and (cardinality($3::text[]) = 0 or products && $3::text[])
                             and (cardinality($4::text[]) = 0 or topics && $4::text[])
                             and ($5::boolean is null or featured = $5)
                             and ($6::boolean is null or quick_link = $6)) r
                         where $7::real is null or (r.rank_key, not r.featured, r.title, r.id) > ($7::real, $8::boolean, $9::text, $10::uuid)
                         order by r.rank_key, not r.featured, r.title, r.id
                         limit $11""")
                .execute(Tuple.tuple().addString(q)
                        .addArrayOfString(query.types().toArray(String[]::new))
                        .addArrayOfString(query.products().toArray(String[]::new))
                        .addArrayOfString(query.topics().toArray(String[]::new))
                        .addBoolean(query.featured())
                        .addBoolean(query.quickLink())
                        .addValue(rank).addBoolean(notFeatured).addString(title).addUUID(id)
                        .addInteger(limit == null ? null : limit + 1))
                .map(rows -> {
                    List<Ranked> ranked = new ArrayList<>();
                    for (Row r : rows) {
                        ranked.add(new Ranked(new Resource(r.getUUID("id"), r.getString("title"), r.getString("url"), r.getString("type"),
                                Arrays.asList(r.getArrayOfStrings("products")), Arrays.asList(r.getArrayOfStrings("topics")),
                                r.getBoolean("featured"), r.getBoolean("quick_link"), r.getString("summary")), r.getFloat("rank_key")));
                    }
                    Page<Ranked> page = Keyset.page(ranked, limit, last -> Cursor.of(String.valueOf(last.rank()),
                            String.valueOf(!last.resource().featured()), last.resource().title(), last.resource().id().toString()));
                    return new Page<>(page.items().stream().map(Ranked::resource).toList(), page.nextCursor());
                });
    }

    private record Ranked(Resource resource, float rank) {
    }

    /** Helpdesk contacts by product, keyset-paged over (product, name, id); {@code limit} null = every row. */
    public Uni<Page<Contact>> contacts(Cursor after, Integer limit) {
        String product = null;
        String name = null;
        UUID id = null;
        if (after != null) {
            product = after.value(0);
            name = after.value(1);
            id = after.value(2, UUID::fromString);
        }
        return pool.preparedQuery("""
                        select id, product, name, email, phone, hours from support_contact
                         where $1::text is null or (product, name, id) > ($1::text, $2::text, $3::uuid)
                         order by product, name, id limit $4""")
                .execute(Tuple.tuple().addString(product).addString(name).addUUID(id).addInteger(limit == null ? null : limit + 1))
                .map(rows -> {
                    List<Contact> result = new ArrayList<>();
                    for (Row r : rows) {
                        result.add(new Contact(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
                    }
                    return Keyset.page(result, limit, c -> Cursor.of(c.product(), c.name(), c.id().toString()));
                });
    }

    /** Opens a support request, in the caller's transaction (so an Idempotency-Key commits with it). */
    @WithTransaction
    public Uni<SupportRequest> open(Actor actor, String subject, String description, String product, UUID customerId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        Uni<Void> resolved = customerId == null ? Uni.createFrom().voidItem()
                : customers.findVisible(actor, customerId).onItem().ifNull().failWith(() -> ProblemException.notFound("Customer"))
                        .replaceWithVoid();
        return resolved.chain(() -> Panache.getSession()).chain(session -> session.createNativeQuery("""
                        insert into support_request (id, partner_org_id, created_by, product, customer_id, subject, description,
                                                     status, created_at, updated_at, version)
                        values (?1, ?2, ?3, cast(?4 as text), cast(cast(?5 as text) as uuid), ?6, ?7, 'OPEN', ?8, ?8, 1)""")
                        .setParameter(1, id)
                        .setParameter(2, actor.partnerOrgId())
                        .setParameter(3, actor.subject())
                        .setParameter(4, product)
                        .setParameter(5, customerId == null ? null : customerId.toString())
                        .setParameter(6, subject)
                        .setParameter(7, description)
                        .setParameter(8, at)
                        .executeUpdate())
                .replaceWith(new SupportRequest(id, subject, description, product, customerId, "OPEN", actor.subject(), now, now, 1));
    }

    /** The partner's support requests, newest first, keyset-paged over (createdAt, id); {@code limit} null = every row. */
    public Uni<Page<SupportRequest>> requests(Actor actor, List<String> statuses, Cursor after, Integer limit) {
        OffsetDateTime createdAt = after == null ? null : after.value(0, OffsetDateTime::parse);
        UUID id = after == null ? null : after.value(1, UUID::fromString);
        return pool.preparedQuery("""
                        select id, subject, description, product, customer_id, status, created_by, created_at, updated_at, version
                          from support_request
                         where partner_org_id = $1 and (cardinality($2::text[]) = 0 or status = any($2::text[]))
                           and ($3::timestamptz is null or (created_at, id) < ($3::timestamptz, $4::uuid))
                           and ($6::text is null or customer_id is null or exists (
                                select 1 from customer c where c.id = support_request.customer_id and c.deleted = false
                                   and (c.created_by = $6::text or exists (select 1 from customer_admin a
                                        where a.customer_id = c.id and a.admin_id = $6::text))))
                         order by created_at desc, id desc limit $5""")
                .execute(Tuple.tuple().addString(actor.partnerOrgId()).addArrayOfString(statuses.toArray(String[]::new))
                        .addOffsetDateTime(createdAt).addUUID(id).addInteger(limit == null ? null : limit + 1)
                        .addString(assignedOnly(actor)))
                .map(HelpDesk::toRequests)
                .map(list -> Keyset.page(list, limit, r -> Cursor.of(r.createdAt().atOffset(ZoneOffset.UTC).toString(), r.id().toString())));
    }

    public Uni<SupportRequest> request(Actor actor, UUID id) {
        return pool.preparedQuery("""
                        select id, subject, description, product, customer_id, status, created_by, created_at, updated_at, version
                          from support_request where partner_org_id = $1 and id = $2
                           and ($3::text is null or customer_id is null or exists (
                                select 1 from customer c where c.id = support_request.customer_id and c.deleted = false
                                   and (c.created_by = $3::text or exists (select 1 from customer_admin a
                                        where a.customer_id = c.id and a.admin_id = $3::text))))""")
                .execute(Tuple.tuple().addString(actor.partnerOrgId()).addUUID(id).addString(assignedOnly(actor)))
                .map(HelpDesk::toRequests)
                .map(list -> list.stream().findFirst().orElseThrow(() -> ProblemException.notFound("Support request")));
    }

    /** Changes the status; {@code ifMatch} (the version) stale → 412 and nothing changes. */
    public Uni<SupportRequest> changeStatus(Actor actor, UUID id, String status, OptionalLong ifMatch) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        Long expected = ifMatch.isPresent() ? ifMatch.getAsLong() : null;
        return request(actor, id).chain(visible -> pool.preparedQuery("""
                        update support_request set status = $3, updated_at = $4, version = version + 1
                         where partner_org_id = $1 and id = $2 and ($5::bigint is null or version = $5::bigint)""")
                .execute(Tuple.tuple().addString(actor.partnerOrgId()).addUUID(id).addString(status).addOffsetDateTime(now)
                        .addLong(expected))
                .chain(result -> result.rowCount() == 0
                        ? request(actor, id).map(current -> {
                            throw ProblemException.preconditionFailed("The support request changed since version " + expected
                                    + "; it is at version " + current.version());
                        })
                        : request(actor, id)));
    }

    /** The subject whose customers bound what a partner-admin sees; null for the admins who see the whole partner. */
    private static String assignedOnly(Actor actor) {
        return actor.assignedOnly() ? actor.subject() : null;
    }

    private static List<SupportRequest> toRequests(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<SupportRequest> result = new ArrayList<>();
        for (Row r : rows) {
            result.add(new SupportRequest(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3), r.getUUID(4),
                    r.getString(5), r.getString(6), r.getOffsetDateTime(7).toInstant(), r.getOffsetDateTime(8).toInstant(), r.getLong(9)));
        }
        return result;
    }
}
