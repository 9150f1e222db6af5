package io.partnerhub.platform.runtime.db;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The reactive pool as Quarkus configures it, with one difference: statements up to
 * {@code partnerhub.datasource.statement-cache-sql-limit} characters are prepared once per connection and kept
 * ({@code quarkus.datasource.reactive.cache-prepared-statements=true}). The client's own limit is 2,048 characters,
 * and the reads that compute customer statuses are longer, so PostgreSQL parsed and planned them again on every
 * request (1.5–3 ms each, more than running them). A kept statement gets PostgreSQL's generic plan after five runs.
 */
@ApplicationScoped
public class StatementCachingPools implements PgPoolCreator {

    private final int sqlLimit;

    public StatementCachingPools(@ConfigProperty(name = "partnerhub.datasource.statement-cache-sql-limit", defaultValue = "32768") int sqlLimit) {
        this.sqlLimit = sqlLimit;
    }

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> servers = new ArrayList<>();
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            servers.add(options.setPreparedStatementCacheSqlLimit(sqlLimit));
        }
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(servers).using(input.vertx()).build();
    }
}
