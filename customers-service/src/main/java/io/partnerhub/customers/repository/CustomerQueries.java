package io.partnerhub.customers.repository;

import io.partnerhub.customers.config.StatusConfig;
import io.partnerhub.platform.runtime.paging.Cursor;
import io.partnerhub.platform.runtime.paging.Page;
import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.platform.runtime.security.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads customers with their statuses, products and subscription types at {@code asOf}: from the stored rows of that
 * day when every customer read has one, otherwise computed from the subscription summary ({@link CustomerStatuses});
 * one indexed keyset query per page (set-based SQL on the reactive client).
 */
@ApplicationScoped
public class CustomerQueries {

    private final Pool pool;
    private final StatusConfig config;

    public CustomerQueries(Pool pool, StatusConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** One page of the partner's customers visible to the actor; {@code limit} rows at most. */
    public Uni<Page<CustomerRow>> page(Actor actor, CustomerFilter filter, CustomerSort sort, Cursor after, int limit) {
        Object key;
        UUID id;
        if (after != null) {
            try {
                key = sort.byName() ? after.value(0) : OffsetDateTime.parse(after.value(0));
                id = UUID.fromString(after.value(1));
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("cursor", "is not a cursor of this list and sort");
            }
        } else {
            key = null;
            id = null;
        }
        String direction = sort.descending ? " desc" : "";
        return run(stored -> {
            Sql sql = select(actor, filter, stored);
            if (after != null) {
                sql.where("(" + sort.key + ", c.id) " + (sort.descending ? "<" : ">") + " (" + sql.param(key) + ", " + sql.param(id) + ")");
            }
            sql.tail(" order by " + sort.key + direction + ", c.id" + direction + " limit " + (limit + 1));
            return sql;
        }).map(rows -> {
            if (rows.size() <= limit) {
                return new Page<>(rows, null);
            }
            List<CustomerRow> items = rows.subList(0, limit);
            CustomerRow last = items.get(limit - 1);
            String lastKey = sort.byName() ? last.nameKey() : sortKeyOf(last.createdAt());
            return new Page<>(items, Cursor.of(lastKey, last.id().toString()).encode());
        });
    }

    /** Every matching row (CSV export), in the list's order. */
    public Uni<List<CustomerRow>> all(Actor actor, CustomerFilter filter, CustomerSort sort) {
        String direction = sort.descending ? " desc" : "";
        return run(stored -> {
            Sql sql = select(actor, filter, stored);
            sql.tail(" order by " + sort.key + direction + ", c.id" + direction);
            return sql;
        });
    }

    public Uni<Optional<CustomerRow>> one(Actor actor, UUID id, java.time.LocalDate asOf) {
        return run(stored -> {
            Sql sql = select(actor, CustomerFilter.none(asOf), stored);
            sql.where("c.id = " + sql.param(id));
            return sql;
        }).map(rows -> rows.stream().findFirst());
    }

    /**
     * The statement for the actor's customers matching the filter. {@code stored}: statuses, types and products from
     * the stored rows of the filter's day ({@link CustomerStatuses}); a customer without a current row passes every
     * filter on them and comes back with {@code stored = false}, and {@link #run} then reads the page again live.
     */
    private Sql select(Actor actor, CustomerFilter filter, boolean stored) {
        Sql sql = new Sql();
        String asOf = sql.param(filter.asOf()) + "::date";
        String expiring = sql.param(config.expiringSoonDays()) + "::int";
        String inactive = sql.param(config.noRecentActivityDays()) + "::int";
        String columns = "select c.id, c.name, lower(c.name) as name_key, c.external_id, c.managed_by, c.created_at, c.version, "
                + "c.last_admin_activity_at,\n";
        String statuses;
        String types;
        String products;
        if (stored) {
            // a lateral lookup by primary key, not a join: a join's plan follows the table's statistics, and those of
            // a table the day's refresh just rewrote can claim a handful of rows (then every page scans all of them)
            sql.head(columns + "       cs.statuses, cs.types, cs.products, cs.known is not null as stored\n"
                    + "  from customer c\n  left join lateral (select cs.statuses, cs.types, cs.products, true as known\n"
                    + "      from customer_status cs where cs.customer_id = c.id and cs.day = " + asOf
                    + " and cs.expiring_soon_days = " + expiring + " and cs.no_recent_activity_days = " + inactive
                    + " limit 1) cs on true\n");
            statuses = "cs.statuses";
            types = "cs.types";
            products = "cs.products";
        } else {
            sql.head(columns + "       s.statuses, s.types, p.products, true as stored\n  from customer c\n"
                    + CustomerStatuses.computed(asOf, expiring, inactive));
            statuses = "s.statuses";
            types = "s.types";
            products = "p.products";
        }
        String unknown = stored ? "cs.known is null or " : "";
        sql.where("c.partner_org_id = " + sql.param(actor.partnerOrgId()));
        sql.where("not c.deleted");
        if (actor.assignedOnly()) {
            String subject = sql.param(actor.subject());
            sql.where("(c.created_by = " + subject + " or exists (select 1 from customer_admin a where a.customer_id = c.id and a.admin_id = "
                    + subject + "))");
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            String pattern = "%" + filter.q().strip().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.where("lower(c.name) like " + sql.param(pattern));
        }
        if (!filter.managedBy().isEmpty()) {
            sql.where("c.managed_by = any(" + sql.param(names(filter.managedBy())) + "::text[])");
        }
        if (!filter.statuses().isEmpty()) {
            sql.where("(" + unknown + statuses + " && " + sql.param(names(filter.statuses())) + "::text[])");
        }
        if (!filter.products().isEmpty()) {
            sql.where("(" + unknown + products + " && " + sql.param(names(filter.products())) + "::text[])");
        }
        if (!filter.subscriptionTypes().isEmpty()) {
            sql.where("(" + unknown + types + " && " + sql.param(names(filter.subscriptionTypes())) + "::text[])");
        }
        if (!filter.tagIds().isEmpty()) {
            sql.where("exists (select 1 from customer_tag t where t.customer_id = c.id and t.tag_id = any("
                    + sql.param(filter.tagIds().toArray(UUID[]::new)) + "::uuid[]))");
        }
        if (!filter.adminIds().isEmpty()) {
            sql.where("exists (select 1 from customer_admin a where a.customer_id = c.id and a.admin_id = any("
                    + sql.param(filter.adminIds().toArray(String[]::new)) + "::text[]))");
        }
        return sql;
    }

    /**
     * Runs the statement on the stored statuses; when a row has none of the read's day (a new day not refreshed yet,
     * an {@code asOf} in the past or future), runs it again computing them live.
     */
    private Uni<List<CustomerRow>> run(java.util.function.Function<Boolean, Sql> statement) {
        return rows(statement.apply(true))
                .chain(rows -> rows != null ? Uni.createFrom().item(rows) : rows(statement.apply(false)))
                .chain(this::withTagsAndAdmins);
    }

    /** The rows, or null when one of them has no stored statuses. */
    private Uni<List<CustomerRow>> rows(Sql sql) {
        return pool.preparedQuery(sql.text()).execute(sql.tuple())
                .map(rows -> {
                    List<CustomerRow> result = new ArrayList<>();
                    for (Row row : rows) {
                        if (!row.getBoolean("stored")) {
                            return null;
                        }
                        result.add(toRow(row));
                    }
                    return result;
                });
    }

    private Uni<List<CustomerRow>> withTagsAndAdmins(List<CustomerRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(rows);
        }
        UUID[] ids = rows.stream().map(CustomerRow::id).toArray(UUID[]::new);
        Map<UUID, List<CustomerRow.TagRef>> tags = new HashMap<>();
        Map<UUID, List<String>> admins = new HashMap<>();
        // one round trip for both: the tags (kind 0, by lower(name), id) and the assigned admins (kind 1, by admin_id)
        return pool.preparedQuery("""
                        select 0 as kind, ct.customer_id, t.id, t.name, t.color, lower(t.name) as sort_key
                          from customer_tag ct join tag t on t.id = ct.tag_id
                         where ct.customer_id = any($1)
                        union all
                        select 1, a.customer_id, null, a.admin_id, null, a.admin_id
                          from customer_admin a
                         where a.customer_id = any($1)
                         order by kind, sort_key, id""")
                .execute(Tuple.of(ids))
                .map(result -> {
                    for (Row r : result) {
                        if (r.getInteger(0) == 0) {
                            tags.computeIfAbsent(r.getUUID(1), k -> new ArrayList<>())
                                    .add(new CustomerRow.TagRef(r.getUUID(2), r.getString(3), r.getString(4)));
                        } else {
                            admins.computeIfAbsent(r.getUUID(1), k -> new ArrayList<>()).add(r.getString(3));
                        }
                    }
                    return rows.stream()
                            .map(r -> r.with(tags.getOrDefault(r.id(), List.of()), admins.getOrDefault(r.id(), List.of())))
                            .toList();
                });
    }

    private static CustomerRow toRow(Row row) {
        return new CustomerRow(row.getUUID("id"), row.getString("name"), row.getString("name_key"), row.getString("external_id"),
                row.getString("managed_by"), instant(row.getOffsetDateTime("created_at")), row.getLong("version"),
                instant(row.getOffsetDateTime("last_admin_activity_at")),
                sorted(row.getArrayOfStrings("statuses")), sorted(row.getArrayOfStrings("products")),
                sorted(row.getArrayOfStrings("types")), List.of(), List.of());
    }

    private static List<String> sorted(String[] values) {
        return values == null ? List.of() : Arrays.stream(values).sorted().toList();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static String sortKeyOf(Instant createdAt) {
        return createdAt.atOffset(java.time.ZoneOffset.UTC).toString();
    }

    private static String[] names(List<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toArray(String[]::new);
    }

    /** A statement under construction: numbered parameters, never concatenated values. */
    static final class Sql {
        private final List<Object> params = new ArrayList<>();
        private final List<String> conditions = new ArrayList<>();
        private String head = "";
        private String tail = "";

        String param(Object value) {
            params.add(value);
            return "$" + params.size();
        }

        void head(String text) {
            head = text;
        }

        void where(String condition) {
            conditions.add(condition);
        }

        void tail(String text) {
            tail = text;
        }

        String text() {
            return head + " where " + String.join(" and ", conditions) + tail;
        }

        Tuple tuple() {
            return Tuple.from(params);
        }
    }
}
