package io.partnerhub.e2e.baseline;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The minimal reactive GET-by-id the read path is compared with: one row of the customers database's {@code customer}
 * table by primary key, as JSON. No authentication, no tenant, no other table.
 */
@Path("/items")
public class ItemResource {

    public record Item(UUID id, String partnerOrgId, String name, String externalId, String managedBy,
                       OffsetDateTime createdAt, long version) {
    }

    private final Pool pool;

    public ItemResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Item> get(@PathParam("id") UUID id) {
        return pool.preparedQuery("select id, partner_org_id, name, external_id, managed_by, created_at, version"
                        + " from customer where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException();
                    }
                    Row row = rows.iterator().next();
                    return new Item(row.getUUID(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getOffsetDateTime(5), row.getLong(6));
                });
    }
}
