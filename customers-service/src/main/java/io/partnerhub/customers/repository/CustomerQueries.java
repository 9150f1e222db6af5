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
 * Reads customers with their statuses, products and subscription types computed at {@code asOf} from the
 * subscription summary, in one indexed keyset query per page (set-based SQL on the reactive client).
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
        Sql sql = select(actor, filter);
        if (after != null) {
            Object key;
            UUID id;
            try {
                key = sort.byName() ? after.value(0) : OffsetDateTime.parse(after.value(0));
                id = UUID.fromString(after.value(1));
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("cursor", "is not a cursor of this list and sort");
            }
            sql.where("(" + sort.key + ", c.id) " + (sort.descending ? "<" : ">") + " (" + sql.param(key) + ", " + sql.param(id) + ")");
        }
        String direction = sort.descending ? " desc" : "";
        sql.tail(" order by " + sort.key + direction + ", c.id" + direction + " limit " + (limit + 1));
        return run(sql).map(rows -> {
            if (rows.size() <= limit) {
                return new Page<>(rows, null);
            }
            List<CustomerRow> items = rows.subList(0, limit);
            CustomerRow last = items.get(limit - 1);
            String key = sort.byName() ? last.nameKey() : sortKeyOf(last.createdAt());
            return new Page<>(items, Cursor.of(key, last.id().toString()).encode());
        });
    }

    /** Every matching row (CSV export), in the list's order. */
    public Uni<List<CustomerRow>> all(Actor actor, CustomerFilter filter, CustomerSort sort) {
        Sql sql = select(actor, filter);
        String direction = sort.descending ? " desc" : "";
        sql.tail(" order by " + sort.key + direction + ", c.id" + direction);
        return run(sql);
    }

    public Uni<Optional<CustomerRow>> one(Actor actor, UUID id, java.time.LocalDate asOf) {
        Sql sql = select(actor, CustomerFilter.none(asOf));
        sql.where("c.id = " + sql.param(id));
        return run(sql).map(rows -> rows.stream().findFirst());
    }

    private Sql select(Actor actor, CustomerFilter filter) {
        Sql sql = new Sql();
        String asOf = sql.param(filter.asOf()) + "::date";
        String expiring = sql.param(config.expiringSoonDays()) + "::int";
        String inactive = sql.param(config.noRecentActivityDays()) + "::int";
        String live = "(x.start_date <= " + asOf + " and " + asOf + " < coalesce(x.end_date, 'infinity'::date)"
                + " and x.status not in ('CANCELLED', 'CONVERTED'))";
        String ordered = "(x.status = 'ORDER_READY' and coalesce(x.end_date, 'infinity'::date) > " + asOf + ")";
        sql.head("""
                select c.id, c.name, lower(c.name) as name_key, c.external_id, c.managed_by, c.created_at, c.version, c.last_admin_activity_at,
                       s.statuses, s.types, p.products
                  from customer c
                  cross join lateral (
                    select array_remove(array[
                        case when bool_or(%1$s and x.type = 'TRIAL') then 'TRIAL' end,
                        case when bool_or(%1$s and x.type = 'SUBSCRIPTION' and x.status = 'ACTIVE') then 'ACTIVE' end,
                        case when bool_or(%1$s and x.end_date > %3$s and x.end_date <= %3$s + %4$s and not x.auto_renew) then 'EXPIRING_SOON' end,
                        case when bool_or(%1$s and x.overage) then 'LICENSE_OVERAGE' end,
                        case when coalesce((select max(a.day) from customer_admin_activity a where a.customer_id = c.id and a.day <= %3$s),
                                           (c.created_at at time zone 'UTC')::date) <= %3$s - %5$s then 'NO_RECENT_ACTIVITY' end,
                        case when bool_or(%2$s) then 'ORDER_READY' end,
                        case when bool_or(%1$s and x.status = 'SUSPENDED') then 'SUSPENDED' end,
                        case when count(*) > 0 and not bool_or(%1$s) and not bool_or(%2$s)
                                  and bool_or(x.end_date <= %3$s or x.status = 'CANCELLED') then 'EXPIRED' end
                      ], null)::text[] as statuses,
                      coalesce(array_agg(distinct x.type) filter (where %1$s or %2$s), '{}')::text[] as types
                    from (
                      select ss.*, exists (
                               select 1 from subscription_line l
                                where l.partner_org_id = ss.partner_org_id and l.subscription_id = ss.subscription_id
                                  and coalesce((select ls.assigned from license_snapshot ls
                                                 where ls.partner_org_id = l.partner_org_id and ls.subscription_id = l.subscription_id
                                                   and ls.product = l.product and ls.day <= %3$s
                                                 order by ls.day desc limit 1), 0) > l.purchased) as overage
                        from subscription_summary ss
                       where ss.customer_id = c.id and ss.partner_org_id = c.partner_org_id
                    ) x
                  ) s
                  cross join lateral (
                    select coalesce(array_agg(distinct l.product order by l.product), '{}')::text[] as products
                      from subscription_summary x
                      join subscription_line l on l.partner_org_id = x.partner_org_id and l.subscription_id = x.subscription_id
                     where x.customer_id = c.id and x.partner_org_id = c.partner_org_id and (%1$s or %2$s)
                  ) p
                """.formatted(live, ordered, asOf, expiring, inactive));
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
            sql.where("s.statuses && " + sql.param(names(filter.statuses())) + "::text[]");
        }
        if (!filter.products().isEmpty()) {
            sql.where("p.products && " + sql.param(names(filter.products())) + "::text[]");
        }
        if (!filter.subscriptionTypes().isEmpty()) {
            sql.where("s.types && " + sql.param(names(filter.subscriptionTypes())) + "::text[]");
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

    private Uni<List<CustomerRow>> run(Sql sql) {
        return pool.preparedQuery(sql.text()).execute(sql.tuple())
                .map(rows -> {
                    List<CustomerRow> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(toRow(row));
                    }
                    return result;
                })
                .chain(this::withTagsAndAdmins);
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
