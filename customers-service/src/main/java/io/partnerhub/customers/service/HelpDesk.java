package io.partnerhub.customers.service;

import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
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

    public record SupportRequest(UUID id, String subject, String description, @Schema(nullable = true) String product, @Schema(nullable = true) UUID customerId,
                                 String status, String createdBy, Instant createdAt, Instant updatedAt) {
    }

    public record ResourceQuery(String q, List<String> types, List<String> products, List<String> topics,
                                Boolean featured, Boolean quickLink) {
    }

    private final Pool pool;
    private final Clock clock;

    public HelpDesk(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Full-text search (English stemming, web-search syntax) ranked by relevance, then featured first. */
    public Uni<List<Resource>> resources(ResourceQuery query) {
        String q = query.q() == null || query.q().isBlank() ? null : query.q().strip();
        return pool.preparedQuery("""
                        select id, title, url, type, products, topics, featured, quick_link, summary
                          from help_resource
                         where ($1::text is null or search @@ websearch_to_tsquery('english', $1))
                           and (cardinality($2::text[]) = 0 or type = any($2::text[]))
                           and (cardinality($3::text[]) = 0 or products && $3::text[])
                           and (cardinality($4::text[]) = 0 or topics && $4::text[])
                           and ($5::boolean is null or featured = $5)
                           and ($6::boolean is null or quick_link = $6)
                         order by case when $1::text is null then 0 else ts_rank(search, websearch_to_tsquery('english', $1)) end desc,
                                  featured desc, title, id""")
                .execute(Tuple.tuple().addString(q)
                        .addArrayOfString(query.types().toArray(String[]::new))
                        .addArrayOfString(query.products().toArray(String[]::new))
                        .addArrayOfString(query.topics().toArray(String[]::new))
                        .addBoolean(query.featured())
                        .addBoolean(query.quickLink()))
                .map(rows -> {
                    List<Resource> result = new ArrayList<>();
                    for (Row r : rows) {
                        result.add(new Resource(r.getUUID("id"), r.getString("title"), r.getString("url"), r.getString("type"),
                                Arrays.asList(r.getArrayOfStrings("products")), Arrays.asList(r.getArrayOfStrings("topics")),
                                r.getBoolean("featured"), r.getBoolean("quick_link"), r.getString("summary")));
                    }
                    return result;
                });
    }

    public Uni<List<Contact>> contacts() {
        return pool.query("select id, product, name, email, phone, hours from support_contact order by product, name").execute()
                .map(rows -> {
                    List<Contact> result = new ArrayList<>();
                    for (Row r : rows) {
                        result.add(new Contact(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
                    }
                    return result;
                });
    }

    public Uni<SupportRequest> open(Actor actor, String subject, String description, String product, UUID customerId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        return pool.preparedQuery("""
                        insert into support_request (id, partner_org_id, created_by, product, customer_id, subject, description,
                                                     status, created_at, updated_at)
                        values ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, $8)""")
                .execute(Tuple.tuple().addUUID(id).addString(actor.partnerOrgId()).addString(actor.subject()).addString(product)
                        .addUUID(customerId).addString(subject).addString(description).addOffsetDateTime(at))
                .replaceWith(new SupportRequest(id, subject, description, product, customerId, "OPEN", actor.subject(), now, now));
    }

    public Uni<List<SupportRequest>> requests(Actor actor, List<String> statuses) {
        return pool.preparedQuery("""
                        select id, subject, description, product, customer_id, status, created_by, created_at, updated_at
                          from support_request
                         where partner_org_id = $1 and (cardinality($2::text[]) = 0 or status = any($2::text[]))
                         order by created_at desc, id desc""")
                .execute(Tuple.of(actor.partnerOrgId(), statuses.toArray(String[]::new)))
                .map(HelpDesk::toRequests);
    }

    public Uni<SupportRequest> request(Actor actor, UUID id) {
        return pool.preparedQuery("""
                        select id, subject, description, product, customer_id, status, created_by, created_at, updated_at
                          from support_request where partner_org_id = $1 and id = $2""")
                .execute(Tuple.of(actor.partnerOrgId(), id))
                .map(HelpDesk::toRequests)
                .map(list -> list.stream().findFirst().orElseThrow(() -> ProblemException.notFound("Support request")));
    }

    public Uni<SupportRequest> changeStatus(Actor actor, UUID id, String status) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        return pool.preparedQuery("update support_request set status = $3, updated_at = $4 where partner_org_id = $1 and id = $2")
                .execute(Tuple.of(actor.partnerOrgId(), id, status, now))
                .chain(result -> result.rowCount() == 0
                        ? Uni.createFrom().failure(ProblemException.notFound("Support request"))
                        : request(actor, id));
    }

    private static List<SupportRequest> toRequests(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<SupportRequest> result = new ArrayList<>();
        for (Row r : rows) {
            result.add(new SupportRequest(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3), r.getUUID(4),
                    r.getString(5), r.getString(6), r.getOffsetDateTime(7).toInstant(), r.getOffsetDateTime(8).toInstant()));
        }
        return result;
    }
}
