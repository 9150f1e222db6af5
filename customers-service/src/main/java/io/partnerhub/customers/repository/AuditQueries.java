package io.partnerhub.customers.repository;

import io.partnerhub.platform.runtime.paging.Cursor;
import io.partnerhub.platform.runtime.paging.Page;
import io.partnerhub.platform.runtime.security.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The audit log, newest first, keyset-paged. A partner-admin sees entries of the customers they see and their own. */
@ApplicationScoped
public class AuditQueries {

    public record Entry(long id, Instant at, String actor, String action, String resourceType, String resourceId,
                        @Schema(nullable = true) UUID customerId, Object before, Object after) {
    }

    private final Pool pool;

    public AuditQueries(Pool pool) {
        this.pool = pool;
    }

    /** One page newest first; {@code limit} null = every entry (CSV). */
    public Uni<Page<Entry>> page(Actor actor, UUID customerId, String actorFilter, String cursor, Integer limit) {
        long after = cursor == null ? Long.MAX_VALUE : Cursor.decode(cursor, 1).value(0, Long::parseLong);
        return pool.preparedQuery("""
                        select e.id, e.at, e.actor, e.action, e.resource_type, e.resource_id, e.customer_id, e.before, e.after
                          from audit_entry e
                         where e.partner_org_id = $1 and e.id < $2
                           and ($3::uuid is null or e.customer_id = $3)
                           and ($4::text is null or e.actor = $4)
                           and (not $5 or e.actor = $6 or exists (
                                 select 1 from customer c where c.id = e.customer_id
                                    and (c.created_by = $6 or exists (select 1 from customer_admin a where a.customer_id = c.id and a.admin_id = $6))))
                         order by e.id desc limit $7""")
                .execute(Tuple.tuple().addString(actor.partnerOrgId()).addLong(after).addUUID(customerId).addString(actorFilter)
                        .addBoolean(actor.assignedOnly()).addString(actor.subject()).addInteger(limit == null ? null : limit + 1))
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Row r : rows) {
                        entries.add(new Entry(r.getLong(0), r.getOffsetDateTime(1).toInstant(), r.getString(2), r.getString(3),
                                r.getString(4), r.getString(5), r.getUUID(6), json(r.getValue(7)), json(r.getValue(8))));
                    }
                    return Keyset.page(entries, limit, last -> Cursor.of(String.valueOf(last.id())));
                });
    }

    private static Object json(Object value) {
        return value instanceof JsonObject object ? object.getMap() : value;
    }
}
