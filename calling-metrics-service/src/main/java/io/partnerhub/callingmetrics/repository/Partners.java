package io.partnerhub.callingmetrics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The small surrogate key of each tenant ({@code partner.id}); never changes once made, so it is cached. */
@ApplicationScoped
public class Partners {

    private final Pool pool;
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();

    public Partners(Pool pool) {
        this.pool = pool;
    }

    /**
     * The partner's id, made on its first record (its own autocommit statement: a tenant row is never rolled back). A
     * conflict updates the row to itself so that it is returned: with {@code do nothing}, a request that waited on
     * another's insert of the same partner would find no row in its statement's snapshot.
     */
    public Uni<Integer> ensure(String partnerOrgId) {
        Integer known = ids.get(partnerOrgId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return pool.preparedQuery("""
                        insert into partner (partner_org_id) values ($1)
                        on conflict (partner_org_id) do update set partner_org_id = excluded.partner_org_id
                        returning id
                        """)
                .execute(Tuple.of(partnerOrgId))
                .map(rows -> remember(partnerOrgId, rows.iterator()));
    }

    /** The partner's id, or null for a partner without any record yet. */
    public Uni<Integer> find(String partnerOrgId) {
        Integer known = ids.get(partnerOrgId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return pool.preparedQuery("select id from partner where partner_org_id = $1").execute(Tuple.of(partnerOrgId))
                .map(rows -> remember(partnerOrgId, rows.iterator()));
    }

    private Integer remember(String partnerOrgId, RowIterator<Row> rows) {
        if (!rows.hasNext()) {
            return null;
        }
        Integer id = rows.next().getInteger(0);
        ids.put(partnerOrgId, id);
        return id;
    }
}
