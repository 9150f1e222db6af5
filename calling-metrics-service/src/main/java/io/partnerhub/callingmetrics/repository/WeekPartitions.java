package io.partnerhub.callingmetrics.repository;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@code call_record} partition per week, created on demand before a batch for that week is written (in its
 * own short autocommit statement, so the ingest transaction never holds the DDL lock).
 */
@ApplicationScoped
public class WeekPartitions {

    private static final DateTimeFormatter NAME = DateTimeFormatter.BASIC_ISO_DATE;

    private final Pool pool;
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    public WeekPartitions(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> ensure(Collection<LocalDate> weekStarts) {
        List<LocalDate> missing = weekStarts.stream().distinct().filter(week -> !known.contains(week)).sorted().toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(missing)
                .onItem().transformToUniAndConcatenate(this::create)
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> create(LocalDate weekStart) {
        String sql = "create table if not exists call_record_" + NAME.format(weekStart)
                + " partition of call_record for values from ('" + weekStart + "') to ('" + weekStart.plusWeeks(1) + "')";
        return pool.query(sql).execute()
                .onFailure(WeekPartitions::createdConcurrently).recoverWithNull()
                .invoke(() -> known.add(weekStart))
                .replaceWithVoid();
    }

    /** Another replica created the same partition at the same moment: it exists, which is all we need. */
    private static boolean createdConcurrently(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException pg
                && ("42P07".equals(pg.getSqlState()) || "23505".equals(pg.getSqlState()));
    }
}
