package io.partnerhub.customers.repository;

import io.partnerhub.customers.Admin;
import io.partnerhub.customers.Tag;
import io.partnerhub.platform.runtime.paging.Cursor;
import io.partnerhub.platform.runtime.paging.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The keyset-paged lists of the partner's directory: admins, the admins assigned to a customer, tags. Each takes
 * {@code limit} null for every row (CSV export).
 */
@ApplicationScoped
public class DirectoryQueries {

    /** An admin assigned to a customer, with what the directory knows of them (null fields for an admin removed since). */
    public record AssignedAdmin(String id, @Schema(nullable = true) String email, @Schema(nullable = true) String displayName,
                                @Schema(nullable = true) String role, Instant assignedAt) {
    }

    /** A tag with the number of (live) customers carrying it. */
    public record TagRow(Tag tag, long customerCount) {
    }

    /** Marks a cursor of the assigned-admins list, whose only key is the admin id. */
    private static final String ASSIGNED = "assigned";

    private final Pool pool;

    public DirectoryQueries(Pool pool) {
        this.pool = pool;
    }

    /** The partner's admins by display name (else email, else id), then id. */
    public Uni<Page<Admin>> admins(String partnerOrgId, Cursor after, Integer limit) {
        String key = after == null ? null : after.value(0);
        String id = after == null ? null : after.value(1);
        return pool.preparedQuery("""
                        select admin_id, email, display_name, role, first_seen_at, last_seen_at, version,
                               lower(coalesce(display_name, email, admin_id)) as sort_key
                          from admin
                         where partner_org_id = $1 and not deleted
                           and ($2::text is null or (lower(coalesce(display_name, email, admin_id)), admin_id) > ($2::text, $3::text))
                         order by lower(coalesce(display_name, email, admin_id)), admin_id
                         limit $4""")
                .execute(Tuple.tuple().addString(partnerOrgId).addString(key).addString(id).addInteger(plusOne(limit)))
                .map(rows -> {
                    List<Admin> admins = new ArrayList<>();
                    List<String> keys = new ArrayList<>();
                    for (Row r : rows) {
                        Admin admin = new Admin();
                        admin.partnerOrgId = partnerOrgId;
                        admin.adminId = r.getString("admin_id");
                        admin.email = r.getString("email");
                        admin.displayName = r.getString("display_name");
                        admin.role = r.getString("role");
                        admin.firstSeenAt = instant(r.getOffsetDateTime("first_seen_at"));
                        admin.lastSeenAt = instant(r.getOffsetDateTime("last_seen_at"));
                        admin.version = r.getLong("version");
                        admins.add(admin);
                        keys.add(r.getString("sort_key"));
                    }
                    return Keyset.page(admins, limit, last -> Cursor.of(keys.get(admins.indexOf(last)), last.adminId));
                });
    }

    /** The admins assigned to a customer, by id. The caller checks that the customer is visible. */
    public Uni<Page<AssignedAdmin>> assignedAdmins(String partnerOrgId, UUID customerId, Cursor after, Integer limit) {
        if (after != null && !after.value(0).equals(ASSIGNED)) {
            throw Cursor.invalid();
        }
        String id = after == null ? null : after.value(1);
        return pool.preparedQuery("""
                        select ca.admin_id, a.email, a.display_name, a.role, ca.assigned_at
                          from customer_admin ca
                          left join admin a on a.partner_org_id = $1 and a.admin_id = ca.admin_id and not a.deleted
                         where ca.customer_id = $2 and ($3::text is null or ca.admin_id > $3::text)
                         order by ca.admin_id
                         limit $4""")
                .execute(Tuple.tuple().addString(partnerOrgId).addUUID(customerId).addString(id).addInteger(plusOne(limit)))
                .map(rows -> {
                    List<AssignedAdmin> admins = new ArrayList<>();
                    for (Row r : rows) {
                        admins.add(new AssignedAdmin(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                                instant(r.getOffsetDateTime(4))));
                    }
                    return Keyset.page(admins, limit, last -> Cursor.of(ASSIGNED, last.id()));
                });
    }

    /** The partner's tags by name (unique ignoring case), then id. */
    public Uni<Page<TagRow>> tags(String partnerOrgId, Cursor after, Integer limit) {
        String name = after == null ? null : after.value(0);
        UUID id = after == null ? null : after.value(1, UUID::fromString);
        return pool.preparedQuery("""
                        select t.id, t.name, t.color, t.description, t.created_at, t.version, lower(t.name) as sort_key,
                               (select count(*) from customer_tag ct join customer c on c.id = ct.customer_id
                                 where ct.tag_id = t.id and not c.deleted) as customers
                          from tag t
                         where t.partner_org_id = $1 and ($2::text is null or (lower(t.name), t.id) > ($2::text, $3::uuid))
                         order by lower(t.name), t.id
                         limit $4""")
                .execute(Tuple.tuple().addString(partnerOrgId).addString(name).addUUID(id).addInteger(plusOne(limit)))
                .map(rows -> {
                    List<TagRow> tags = new ArrayList<>();
                    List<String> keys = new ArrayList<>();
                    for (Row r : rows) {
                        Tag tag = new Tag();
                        tag.id = r.getUUID("id");
                        tag.partnerOrgId = partnerOrgId;
                        tag.name = r.getString("name");
                        tag.color = r.getString("color");
                        tag.description = r.getString("description");
                        tag.createdAt = instant(r.getOffsetDateTime("created_at"));
                        tag.version = r.getLong("version");
                        tags.add(new TagRow(tag, r.getLong("customers")));
                        keys.add(r.getString("sort_key"));
                    }
                    return Keyset.page(tags, limit, last -> Cursor.of(keys.get(tags.indexOf(last)), last.tag().id.toString()));
                });
    }

    private static Integer plusOne(Integer limit) {
        return limit == null ? null : limit + 1;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
