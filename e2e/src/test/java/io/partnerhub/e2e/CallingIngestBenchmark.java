package io.partnerhub.e2e;

import io.partnerhub.e2e.bench.Figures;
import io.partnerhub.platform.devstack.Directories;
import io.partnerhub.platform.devstack.Kafka;
import io.partnerhub.platform.devstack.Ports;
import io.partnerhub.platform.devstack.Postgres;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.partnerhub.platform.devstack.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * calling-metrics-service ingest and read benchmark (not part of {@code verify}; run it with
 * {@code ./mvnw -o test -pl e2e -Dtest=CallingIngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false}).
 * <p>
 * Starts real PostgreSQL and Kafka (devstack) and the service's production jar, then:
 * <ol>
 *   <li>loads a small partner ({@code calling.bench.small}, default 100,000 records) through
 *       {@code POST /api/v1/calling/records} in batches of 10,000 and measures the read p99 of every calling read;</li>
 *   <li>loads a large partner ({@code calling.bench.records}, default 10,000,000) the same way with
 *       {@code calling.bench.clients} concurrent clients (default 6: integrators feeding a partner's records in parallel) and reports records/s with the weekly aggregates
 *       current (each answer comes after the batch's transaction committed records and aggregates);</li>
 *   <li>measures the read p99 again at that volume;</li>
 *   <li>writes the very same rows (same generator, same seed) into a plain table of the same columns (no index, no
 *       partitioning, no aggregates), 10,000 rows per batch with the same number of clients, three ways: as one INSERT per batch
 *       through JDBC (one array per column sent as text, the shape the service stores raw rows with), as the service's
 *       very statement through its client (Vert.x, arrays in binary format) and as COPY: PostgreSQL's raw insert rates
 *       in the same run (each way run twice, alternating; the faster run counts).</li>
 *   <li>writes {@code calling.bench.topic} records (default 200,000) to {@code partnerhub.cdr.v1}, one CloudEvent each,
 *       and times them until the weekly aggregates hold every one: the topic path's rate.</li>
 * </ol>
 * Records: 2,000 customers, 100,000 users, spread over the 9 weeks before the running week; 70 % outbound, 10 %
 * queued, some with quality measures and features.
 */
class CallingIngestBenchmark {

    static final int BATCH = 10_000;
    static final int CUSTOMERS = 2_000;
    static final int USERS = 100_000;
    static final String[] ENDPOINTS = {"WEBEX_APP_DESKTOP", "WEBEX_APP_MOBILE", "WEBEX_APP_WEB", "IP_PHONE", "ROOM_DEVICE",
            "THIRD_PARTY_DEVICE", "OTHER"};
    static final String[] FEATURES = {"HUNT_GROUP", "AUTO_ATTENDANT", "TRANSFER", "CALL_PARK", "CALL_PICKUP", "VOICEMAIL",
            "RECORDING", "CONFERENCE"};
    static final String[] OUTCOMES = {"ANSWERED", "TRANSFERRED", "ABANDONED", "VOICEMAIL"};
    static final String[] READS = {"/api/v1/calling/usage/users", "/api/v1/calling/usage/customers",
            "/api/v1/calling/quality/trend", "/api/v1/calling/quality/endpoints", "/api/v1/calling/quality/customers",
            "/api/v1/calling/features", "/api/v1/calling/queues"};

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final LocalDate firstWeek = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).minusWeeks(9);
    String serviceUrl;

    @Test
    void ingestAndReadAtVolume() throws Exception {
        long small = Long.getLong("calling.bench.small", 100_000);
        long large = Long.getLong("calling.bench.records", 10_000_000);
        int clients = Integer.getInteger("calling.bench.clients", 6);
        int reads = Integer.getInteger("calling.bench.reads", 100);
        Path root = Path.of(System.getProperty("partnerhub.root", "..")).toAbsolutePath().normalize();
        Path state = root.resolve("e2e/target/calling-bench-" + ProcessHandle.current().pid());
        Files.createDirectories(state);

        try {
            run(root, state, small, large, clients, reads);
        } finally {
            // 10 M records leave ~5 GB of database and broker data: kept only when asked (-Dcalling.bench.keep=true)
            if (!Boolean.getBoolean("calling.bench.keep")) {
                Directories.delete(state.resolve("postgres"));
                Directories.delete(state.resolve("kafka"));
            }
        }
    }

    void run(Path root, Path state, long small, long large, int clients, int reads) throws Exception {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("shared_preload_libraries", "pg_stat_statements");
        // more server settings for an experiment, e.g. -Dcalling.bench.pg=shared_buffers=2GB,max_wal_size=8GB
        for (String setting : System.getProperty("calling.bench.pg", "").split(",")) {
            if (setting.contains("=")) {
                settings.put(setting.substring(0, setting.indexOf('=')).trim(), setting.substring(setting.indexOf('=') + 1).trim());
            }
        }
        try (Postgres postgres = Postgres.start(root.resolve("platform/devstack/target/pg-work"), state.resolve("postgres"), 0,
                settings);
             Kafka kafka = Kafka.start(state.resolve("kafka"), 0, 0)) {
            postgres.createDatabases(List.of("calling_metrics"));
            Process service = startService(root, state, postgres, kafka);
            try {
                String smallPartner = "bench-small-" + System.nanoTime();
                String largePartner = "bench-large-" + System.nanoTime();
                String topicPartner = "bench-topic-" + System.nanoTime();
                for (String partner : List.of(smallPartner, largePartner, topicPartner)) {
                    seedCustomers(postgres.jdbcUrl("calling_metrics"), partner);
                }

                Load smallLoad = load(smallPartner, small, clients);
                List<Long> smallReads = readLatencies(smallPartner, reads);

                resetStatements(postgres.jdbcUrl("calling_metrics"));
                CpuTimes before = CpuTimes.now(service);
                Load largeLoad = load(largePartner, large, clients);
                CpuTimes cpu = CpuTimes.now(service).minus(before);
                String statements = statements(postgres.jdbcUrl("calling_metrics"), largeLoad.records);
                List<Long> largeReads = readLatencies(largePartner, reads);

                // each baseline twice, alternating, and the faster run of each counts: the shared machine's speed
                // varies by tens of percent between minutes, and a slow baseline run would flatter the ratio
                double[] insertRates = new double[2];
                double[] binaryRates = new double[2];
                double[] copyRates = new double[2];
                io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
                try {
                    for (int run = 0; run < 2; run++) {
                        binaryRates[run] = rawBaseline(postgres.jdbcUrl("calling_metrics"), largePartner, large, clients,
                                binaryInsert(largePartner, (int) (large / BATCH), vertx));
                        insertRates[run] = rawBaseline(postgres.jdbcUrl("calling_metrics"), largePartner, large, clients,
                                jdbc(insert(largePartner, (int) (large / BATCH))));
                        copyRates[run] = rawBaseline(postgres.jdbcUrl("calling_metrics"), largePartner, large, clients,
                                jdbc(copy(largePartner, (int) (large / BATCH))));
                    }
                } finally {
                    vertx.close().toCompletionStage().toCompletableFuture().get();
                }
                double insertRate = Math.max(insertRates[0], insertRates[1]);
                double binaryRate = Math.max(binaryRates[0], binaryRates[1]);
                double copyRate = Math.max(copyRates[0], copyRates[1]);
                int topicRecords = Integer.getInteger("calling.bench.topic", 200_000);
                double topicRate = topicRate(topicPartner, topicRecords, kafka.bootstrapServers(),
                        postgres.jdbcUrl("calling_metrics"));

                StringBuilder report = new StringBuilder("\n==== CallingIngestBenchmark ====\n");
                report.append(String.format(Locale.ROOT, "machine: %d cores; PostgreSQL fsync=off (devstack)%s%n",
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("calling.bench.pg", "").isBlank() ? "" : ", " + System.getProperty("calling.bench.pg")));
                report.append(String.format(Locale.ROOT, "small partner: %,d records in %.1f s = %,.0f records/s%n",
                        smallLoad.records, smallLoad.seconds, smallLoad.rate()));
                report.append(String.format(Locale.ROOT,
                        "large partner: %,d records in %.1f s = %,.0f records/s with aggregates current (%d clients, batches of %,d)%n",
                        largeLoad.records, largeLoad.seconds, largeLoad.rate(), clients, BATCH));
                report.append("  records/s per tenth of the load: ").append(Arrays.toString(largeLoad.tenths)).append('\n');
                report.append(String.format(Locale.ROOT,
                        "  CPU during that load: PostgreSQL %.0f s, service %.0f s, load generator %.0f s = %.1f / %.1f / %.1f ms per 10,000 records%n",
                        cpu.postgres, cpu.service, cpu.benchmark, cpu.postgres * 1e7 / largeLoad.records,
                        cpu.service * 1e7 / largeLoad.records, cpu.benchmark * 1e7 / largeLoad.records));
                report.append(statements);
                report.append(String.format(Locale.ROOT,
                        "PostgreSQL raw INSERT (same rows into a plain table, one INSERT ... SELECT unnest(...) of 10,000 per statement, same clients): %,.0f records/s (runs: %,.0f and %,.0f)%n",
                        insertRate, insertRates[0], insertRates[1]));
                report.append(String.format(Locale.ROOT,
                        "PostgreSQL raw INSERT, binary (the service's raw-row statement and client: arrays in binary format): %,.0f records/s (runs: %,.0f and %,.0f)%n",
                        binaryRate, binaryRates[0], binaryRates[1]));
                report.append(String.format(Locale.ROOT, "PostgreSQL raw COPY (same rows, CSV, 10,000 per COPY, same clients): %,.0f records/s (runs: %,.0f and %,.0f)%n",
                        copyRate, copyRates[0], copyRates[1]));
                report.append(String.format(Locale.ROOT, "service / raw INSERT = %.0f %%, service / raw INSERT binary = %.0f %%, service / raw COPY = %.0f %%%n",
                        100 * largeLoad.rate() / insertRate, 100 * largeLoad.rate() / binaryRate, 100 * largeLoad.rate() / copyRate));
                report.append(String.format(Locale.ROOT, "topic partnerhub.cdr.v1: %,d records, one event each, in the aggregates at %,.0f records/s%n",
                        topicRecords / BATCH * BATCH, topicRate));
                report.append(String.format(Locale.ROOT, "read latency (%d requests per read, 7 reads) at %,d records: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        reads, small, pct(smallReads, 50), pct(smallReads, 99), pct(smallReads, 100)));
                report.append(String.format(Locale.ROOT, "read latency (%d requests per read, 7 reads) at %,d records: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        reads, large, pct(largeReads, 50), pct(largeReads, 99), pct(largeReads, 100)));
                report.append(perRead);
                System.out.println(report);
                Files.writeString(state.resolve("report.txt"), report.toString());
                Figures figures = new Figures("calling-ingest");
                figures.add(String.format(Locale.ROOT, "CDR records/s, %,d records, aggregates current", largeLoad.records),
                        largeLoad.rate(), "/s", "raw INSERT of the same rows", insertRate, Figures.Goal.ratioAtLeast(0.3));
                figures.add("CDR records/s against the binary raw-row insert", largeLoad.rate(), "/s", "raw INSERT, binary", binaryRate, null);
                figures.add("CDR records/s against COPY", largeLoad.rate(), "/s", "raw COPY", copyRate, null);
                figures.add("CDR records/s", largeLoad.rate(), "/s", Figures.Goal.atLeast(50_000, "records/s"));
                figures.add("read p99 at the large partner", pct(largeReads, 99), "ms", "at the small partner", pct(smallReads, 99), null);
                figures.section("## Calling ingest\n\n```" + report + "```\n");
                figures.write();
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    /** CPU seconds used so far by PostgreSQL (every server process), the service and this JVM. */
    static void resetStatements(String jdbcUrl) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, Postgres.USER, "");
             Statement statement = db.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
            statement.execute("select pg_stat_statements_reset()");
        }
    }

    /**
     * The statements PostgreSQL spent most time executing during the large load (pg_stat_statements): elapsed time in
     * the backend per 10,000 records, not CPU (with more clients than cores it includes waiting for a core and locks).
     */
    static String statements(String jdbcUrl, long records) throws Exception {
        StringBuilder out = new StringBuilder("  PostgreSQL statements by execution time (elapsed, per 10,000 records; calls):\n");
        try (Connection db = DriverManager.getConnection(jdbcUrl, Postgres.USER, "");
             Statement statement = db.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("""
                     select regexp_replace(left(query, 400), '\\s+', ' ', 'g'), calls, total_exec_time, total_plan_time
                       from pg_stat_statements order by total_exec_time desc limit 6""")) {
            while (rows.next()) {
                String query = rows.getString(1);
                out.append(String.format(Locale.ROOT, "    %6.1f ms (+%.1f planning) %,8d calls  %s%n",
                        rows.getDouble(3) * 1e4 / records, rows.getDouble(4) * 1e4 / records, rows.getLong(2),
                        query.length() > 110 ? query.substring(0, 110) + "…" : query));
            }
        }
        // the aggregate tables after the load: their updates should stay HOT (no index entry per update)
        out.append("  tables after the load (size; updates, of them HOT; autovacuums):\n");
        try (Connection db = DriverManager.getConnection(jdbcUrl, Postgres.USER, "");
             Statement statement = db.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("""
                     select relname, pg_size_pretty(pg_total_relation_size(relid)), n_tup_upd, n_tup_hot_upd, autovacuum_count
                       from pg_stat_user_tables where relname in ('call_key', 'customer_week', 'queue_week', 'user_activity')
                      order by relname""")) {
            while (rows.next()) {
                out.append(String.format(Locale.ROOT, "    %-14s %8s; %,d updates, %,d HOT; %d autovacuums%n", rows.getString(1),
                        rows.getString(2), rows.getLong(3), rows.getLong(4), rows.getLong(5)));
            }
        }
        return out.toString();
    }

    record CpuTimes(double postgres, double service, double benchmark) {
        static CpuTimes now(Process service) {
            double postgres = ProcessHandle.allProcesses()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                    .mapToDouble(p -> seconds(p.info())).sum();
            return new CpuTimes(postgres, seconds(service.info()), seconds(ProcessHandle.current().info()));
        }

        static double seconds(ProcessHandle.Info info) {
            return info.totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        }

        CpuTimes minus(CpuTimes earlier) {
            return new CpuTimes(postgres - earlier.postgres, service - earlier.service, benchmark - earlier.benchmark);
        }
    }

    record Load(long records, double seconds, long[] tenths) {
        double rate() {
            return records / seconds;
        }
    }

    /** One load client: sends the batches it is given, in turn. */
    interface Client extends AutoCloseable {
        void batch(int b) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** {@code clients} clients opened by {@code open}, taking batches 0 .. batches-1 in turn until none is left. */
    static void inParallel(int clients, int batches, Callable<Client> open) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    try (Client client = open.call()) {
                        for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                            client.batch(b);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    Load load(String partner, long records, int clients) throws Exception {
        String token = TestTokens.issue(partner, "bench-ingest", "usage-ingest");
        int batches = (int) (records / BATCH);
        long[] doneAt = new long[batches];
        long start = System.nanoTime();
        URI ingest = URI.create(serviceUrl + "/api/v1/calling/records");
        inParallel(clients, batches, () -> {
            PlainHttp connection = new PlainHttp(ingest, token);
            return new Client() {
                @Override
                public void batch(int b) throws Exception {
                    PlainHttp.Answer answer = connection.post(batchJson(partner, b, batches));
                    if (answer.status() != 200 || !answer.body().contains("\"accepted\":" + BATCH)) {
                        throw new IllegalStateException("batch " + b + ": " + answer.status() + " " + answer.body());
                    }
                    doneAt[b] = System.nanoTime();
                }

                @Override
                public void close() throws IOException {
                    connection.close();
                }
            };
        });
        long end = System.nanoTime();
        long[] tenths = new long[Math.min(10, batches)];
        long[] sorted = doneAt.clone();
        Arrays.sort(sorted);
        long previous = start;
        for (int t = 0; t < tenths.length; t++) {
            int last = (int) ((long) (t + 1) * batches / tenths.length) - 1;
            int first = (int) ((long) t * batches / tenths.length);
            tenths[t] = Math.round((last - first + 1) * (double) BATCH / ((sorted[last] - previous) / 1e9));
            previous = sorted[last];
        }
        return new Load((long) batches * BATCH, (end - start) / 1e9, tenths);
    }

    final StringBuilder perRead = new StringBuilder();

    List<Long> readLatencies(String partner, int perRead) throws Exception {
        String token = TestTokens.issue(partner, "bench-admin", "partner-full-admin");
        List<Long> latencies = new ArrayList<>();
        for (String read : READS) {
            int from = latencies.size();
            for (int i = -3; i < perRead; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(serviceUrl + read))
                        .timeout(Duration.ofMinutes(1)).header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - start;
                assertEquals(200, response.statusCode(), read + ": " + response.body());
                if (i >= 0) {
                    latencies.add(took);
                }
            }
            List<Long> mine = latencies.subList(from, latencies.size());
            this.perRead.append(String.format(Locale.ROOT, "  %s (%s): p50 %.1f ms, p99 %.1f ms%n", read, partner.startsWith("bench-small") ? "small" : "large",
                    pct(mine, 50), pct(mine, 99)));
        }
        return latencies;
    }

    static final String RAW_COLUMNS = "partner_id, week_start, call_id, customer_id, user_id, start_time, duration_seconds, "
            + "direction, endpoint_type, mos, packet_loss_pct, jitter_ms, latency_ms, poor, features, queue_id, queue_outcome, "
            + "queue_answered, wait_seconds, ingested_at";

    /** How a raw baseline client puts one batch of rows into {@code bench_raw}. */
    interface RawWriter {
        void write(Connection db, int partnerId, int batch) throws Exception;
    }

    /** A baseline's client: opens its own connection and writes the batches it is given into {@code bench_raw}. */
    interface RawClients {
        Client open(String jdbcUrl, int partnerId) throws Exception;
    }

    /** Clients on a JDBC connection each, writing their batches with {@code how}. */
    static RawClients jdbc(RawWriter how) {
        return (jdbcUrl, partnerId) -> {
            Connection db = DriverManager.getConnection(jdbcUrl, Postgres.USER, "");
            return new Client() {
                @Override
                public void batch(int b) throws Exception {
                    how.write(db, partnerId, b);
                }

                @Override
                public void close() throws Exception {
                    db.close();
                }
            };
        };
    }

    /** One COPY of the batch's rows as CSV. */
    RawWriter copy(String partner, int batches) {
        return (db, partnerId, b) -> {
            long copied = db.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy bench_raw (" + RAW_COLUMNS + ") from stdin (format csv)",
                    new java.io.ByteArrayInputStream(batchCsv(partner, partnerId, b, batches)));
            if (copied != BATCH) {
                throw new IllegalStateException("copied " + copied);
            }
        };
    }

    /**
     * One INSERT of the batch's rows, one array per column ({@code insert ... select unnest(...), unnest(...), ...}):
     * the statement shape the service stores its raw rows with, without its call-id keys and aggregates.
     */
    RawWriter insert(String partner, int batches) {
        return (db, partnerId, b) -> {
            List<Gen> rows = batch(partner, b, batches);
            int n = rows.size();
            String[][] columns = new String[18][n];
            for (int i = 0; i < n; i++) {
                Object[] row = rawRow(rows.get(i));
                for (int c = 0; c < row.length; c++) {
                    columns[c][i] = row[c] == null ? null : row[c].toString();
                }
            }
            String[] types = {"date", "text", "uuid", "uuid", "timestamptz", "int4", "text", "text", "float8", "float8",
                    "float8", "float8", "bool", "int4", "text", "text", "bool", "numeric"};
            StringBuilder arrays = new StringBuilder();
            for (String type : types) {
                arrays.append(", unnest(cast(? as text[])::").append(type).append("[])");
            }
            try (java.sql.PreparedStatement insert = db.prepareStatement("insert into bench_raw (" + RAW_COLUMNS + ") "
                    + "select ?" + arrays + ", now()")) {
                insert.setInt(1, partnerId);
                for (int c = 0; c < types.length; c++) {
                    insert.setArray(c + 2, db.createArrayOf("text", columns[c]));
                }
                int inserted = insert.executeUpdate();
                if (inserted != BATCH) {
                    throw new IllegalStateException("inserted " + inserted);
                }
            }
        };
    }

    /**
     * One INSERT of the batch's rows exactly as the service sends its raw rows: the service's statement (one array per
     * column, unnested in the select list) through the same client (Vert.x PostgreSQL client, arrays in PostgreSQL's
     * binary format), without its call-id keys and aggregates.
     */
    RawClients binaryInsert(String partner, int batches, io.vertx.core.Vertx vertx) {
        String statement = "insert into bench_raw (" + RAW_COLUMNS + ") select $1::int, t.week_start, t.call_id, "
                + "t.customer_id, t.user_id, t.start_time, t.duration_seconds, t.direction, t.endpoint_type, t.mos, "
                + "t.packet_loss_pct, t.jitter_ms, t.latency_ms, t.poor, t.features, t.queue_id, t.queue_outcome, "
                + "t.queue_answered, cast(t.wait_seconds as numeric), $20::timestamptz "
                + "from (select unnest($2::text[]) as call_id, unnest($3::uuid[]) as customer_id, "
                + "unnest($4::uuid[]) as user_id, unnest($5::timestamptz[]) as start_time, unnest($6::date[]) as week_start, "
                + "unnest($7::int[]) as duration_seconds, unnest($8::text[]) as direction, unnest($9::text[]) as endpoint_type, "
                + "unnest($10::float8[]) as mos, unnest($11::float8[]) as packet_loss_pct, unnest($12::float8[]) as jitter_ms, "
                + "unnest($13::float8[]) as latency_ms, unnest($14::bool[]) as poor, unnest($15::int[]) as features, "
                + "unnest($16::text[]) as queue_id, unnest($17::text[]) as queue_outcome, unnest($18::bool[]) as queue_answered, "
                + "unnest($19::float8[]) as wait_seconds) t";
        return (jdbcUrl, partnerId) -> {
            URI url = URI.create(jdbcUrl.substring("jdbc:".length()));
            io.vertx.pgclient.PgConnection db = io.vertx.pgclient.PgConnection.connect(vertx, new io.vertx.pgclient.PgConnectOptions()
                    .setHost(url.getHost()).setPort(url.getPort()).setDatabase(url.getPath().substring(1))
                    .setUser(Postgres.USER)).toCompletionStage().toCompletableFuture().get();
            return new Client() {
                @Override
                public void batch(int b) throws Exception {
                    List<Gen> rows = CallingIngestBenchmark.this.batch(partner, b, batches);
                    int n = rows.size();
                    String[] callIds = new String[n];
                    java.util.UUID[] customerIds = new java.util.UUID[n];
                    java.util.UUID[] userIds = new java.util.UUID[n];
                    java.time.OffsetDateTime[] starts = new java.time.OffsetDateTime[n];
                    LocalDate[] weeks = new LocalDate[n];
                    Integer[] durations = new Integer[n];
                    String[] directions = new String[n];
                    String[] endpoints = new String[n];
                    Double[] mos = new Double[n];
                    Double[] loss = new Double[n];
                    Double[] jitter = new Double[n];
                    Double[] latency = new Double[n];
                    Boolean[] poor = new Boolean[n];
                    Integer[] features = new Integer[n];
                    String[] queueIds = new String[n];
                    String[] outcomes = new String[n];
                    Boolean[] answered = new Boolean[n];
                    Double[] waits = new Double[n];
                    for (int i = 0; i < n; i++) {
                        Gen g = rows.get(i);
                        callIds[i] = g.callId();
                        customerIds[i] = java.util.UUID.fromString(g.customerId());
                        userIds[i] = java.util.UUID.fromString(g.userId());
                        starts[i] = java.time.OffsetDateTime.parse(g.start());
                        weeks[i] = g.week();
                        durations[i] = g.duration();
                        directions[i] = g.outbound() ? "OUTBOUND" : "INBOUND";
                        endpoints[i] = g.endpoint();
                        mos[i] = g.mos() == null ? null : Double.valueOf(g.mos());
                        loss[i] = g.loss() == null ? null : Double.valueOf(g.loss());
                        jitter[i] = g.jitter() == null ? null : Double.valueOf(g.jitter());
                        latency[i] = g.latency() == null ? null : Double.valueOf(g.latency());
                        poor[i] = g.poor();
                        features[i] = featureMask(g);
                        queueIds[i] = g.queueId();
                        outcomes[i] = g.outcome();
                        answered[i] = g.outcome() == null ? null : g.outcome().equals("ANSWERED") || g.outcome().equals("TRANSFERRED");
                        waits[i] = g.waitSeconds() == null ? null : g.waitSeconds().doubleValue();
                    }
                    io.vertx.sqlclient.Tuple tuple = io.vertx.sqlclient.Tuple.tuple().addInteger(partnerId)
                            .addArrayOfString(callIds).addArrayOfUUID(customerIds).addArrayOfUUID(userIds)
                            .addArrayOfOffsetDateTime(starts).addArrayOfLocalDate(weeks).addArrayOfInteger(durations)
                            .addArrayOfString(directions).addArrayOfString(endpoints).addArrayOfDouble(mos)
                            .addArrayOfDouble(loss).addArrayOfDouble(jitter).addArrayOfDouble(latency)
                            .addArrayOfBoolean(poor).addArrayOfInteger(features).addArrayOfString(queueIds)
                            .addArrayOfString(outcomes).addArrayOfBoolean(answered).addArrayOfDouble(waits)
                            .addOffsetDateTime(java.time.OffsetDateTime.now(ZoneOffset.UTC));
                    int inserted = db.preparedQuery(statement).execute(tuple).toCompletionStage().toCompletableFuture()
                            .get().rowCount();
                    if (inserted != BATCH) {
                        throw new IllegalStateException("inserted " + inserted);
                    }
                }

                @Override
                public void close() throws Exception {
                    db.close().toCompletionStage().toCompletableFuture().get();
                }
            };
        };
    }

    /** A generated record as the raw table's columns between partner_id and ingested_at. */
    static Object[] rawRow(Gen g) {
        return new Object[] {g.week(), g.callId(), g.customerId(), g.userId(), g.start(), g.duration(),
                g.outbound() ? "OUTBOUND" : "INBOUND", g.endpoint(), g.mos(), g.loss(), g.jitter(), g.latency(), g.poor(),
                featureMask(g), g.queueId(), g.outcome(),
                g.outcome() == null ? null : g.outcome().equals("ANSWERED") || g.outcome().equals("TRANSFERRED"),
                g.waitSeconds()};
    }

    static int featureMask(Gen g) {
        int mask = g.queueId() != null ? 1 : 0;
        for (String feature : g.features()) {
            mask |= 1 << (1 + Arrays.asList(FEATURES).indexOf(feature));
        }
        return mask;
    }

    /**
     * PostgreSQL's raw rate for the very same rows (same generator, same seed) written by {@code how} into a plain
     * table of the same columns (no index, no partitioning, no aggregates), 10,000 rows per batch, same number of
     * clients.
     */
    double rawBaseline(String jdbcUrl, String partner, long records, int clients, RawClients how) throws Exception {
        int partnerId;
        try (Connection db = DriverManager.getConnection(jdbcUrl, Postgres.USER, "");
             Statement statement = db.createStatement()) {
            try (java.sql.ResultSet rs = statement.executeQuery("select id from partner where partner_org_id = '" + partner + "'")) {
                rs.next();
                partnerId = rs.getInt(1);
            }
            statement.execute("drop table if exists bench_raw");
            statement.execute("create table bench_raw (like call_record including defaults)");
        }
        int batches = (int) (records / BATCH);
        long start = System.nanoTime();
        inParallel(clients, batches, () -> how.open(jdbcUrl, partnerId));
        double rate = batches * (double) BATCH / ((System.nanoTime() - start) / 1e9);
        try (Connection db = DriverManager.getConnection(jdbcUrl, Postgres.USER, "");
             Statement statement = db.createStatement()) {
            statement.execute("drop table bench_raw");
        }
        return rate;
    }

    /**
     * One generated record; the same (partner, batch) always gives the same rows. Numbers and times are kept as the
     * text both bodies carry (rendered from tables, not by formatters: the generator shares the CPU with the service).
     */
    record Gen(String callId, String customerId, String userId, String start, LocalDate week, int duration, boolean outbound,
               String endpoint, String mos, String loss, String jitter, String latency, boolean poor, List<String> features,
               String queueId, String outcome, Integer waitSeconds) {
    }

    static final long SPAN_SECONDS = 9L * 7 * 24 * 3600;
    static final String[] MOS = table(20, i -> (30 + i) / 10 + "." + (30 + i) % 10);
    static final String[] LOSS = table(70, i -> i / 10 + "." + i % 10);
    static final String[] JITTER = table(200, i -> i + ".0");
    static final String[] LATENCY = table(500, i -> i + ".0");
    static final String[] USER_IDS = table(USERS, i -> uuid(2, i));
    /** Each partner's own 2,000 customers (a call record is only taken for a customer of the caller's partner). */
    static final Map<String, String[]> CUSTOMER_IDS = new java.util.concurrent.ConcurrentHashMap<>();

    static String[] customerIds(String partner) {
        return CUSTOMER_IDS.computeIfAbsent(partner, p -> {
            int kind = 0x100 + CUSTOMER_IDS.size();
            return table(CUSTOMERS, i -> uuid(kind, i));
        });
    }

    /**
     * The partner's customers in the service's customer read model, as customers-service's events would have put
     * them there before any call record names them.
     */
    static void seedCustomers(String jdbcUrl, String partner) throws Exception {
        try (Connection db = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "");
             java.sql.PreparedStatement insert = db.prepareStatement("""
                     insert into customer (customer_id, partner_org_id, name, admin_ids, created_by, deleted, version)
                     select cast(x as uuid), ?, 'Bench customer ' || x, '{}', 'bench', false, 1 from unnest(?) as x
                     """)) {
            insert.setString(1, partner);
            insert.setArray(2, db.createArrayOf("text", customerIds(partner)));
            insert.executeUpdate();
        }
    }

    static String[] table(int size, java.util.function.IntFunction<String> render) {
        String[] table = new String[size];
        for (int i = 0; i < size; i++) {
            table[i] = render.apply(i);
        }
        return table;
    }

    List<Gen> batch(String partner, int batch, int batches) {
        SplittableRandom random = new SplittableRandom(partner.hashCode() * 31L + batch);
        long firstSecond = firstWeek.toEpochDay() * 86_400;
        List<Gen> rows = new ArrayList<>(BATCH);
        String[] customers = customerIds(partner);
        for (int i = 0; i < BATCH; i++) {
            int user = random.nextInt(USERS);
            int customer = user % CUSTOMERS;
            // records arrive roughly in time order (a feed), 2 % of them late (anywhere in the 9 weeks)
            long second = random.nextInt(100) < 2 ? random.nextLong(SPAN_SECONDS)
                    : Math.min(SPAN_SECONDS - 1, SPAN_SECONDS * batch / batches + random.nextLong(SPAN_SECONDS / batches + 3600));
            LocalDate week = firstWeek.plusWeeks(second / (7 * 24 * 3600));
            boolean measured = random.nextInt(10) < 6;
            List<String> features = new ArrayList<>();
            if (random.nextInt(5) == 0) {
                features.add(FEATURES[random.nextInt(FEATURES.length)]);
            }
            boolean queued = random.nextInt(10) == 0;
            int duration = random.nextInt(1800);
            boolean outbound = random.nextInt(10) < 7;
            String endpoint = ENDPOINTS[random.nextInt(ENDPOINTS.length)];
            int mos = measured ? random.nextInt(20) : -1;
            int loss = measured ? random.nextInt(70) : -1;
            int jitter = measured ? random.nextInt(200) : -1;
            int latency = measured ? random.nextInt(500) : -1;
            // the poor-call rule: loss > 5 %, jitter > 150 ms, latency > 400 ms or MOS < 3.5
            boolean poor = measured && (loss > 50 || jitter > 150 || latency > 400 || mos < 5);
            rows.add(new Gen("b" + batch + "-" + i, customers[customer], USER_IDS[user], isoSecond(firstSecond + second), week,
                    duration, outbound, endpoint, measured ? MOS[mos] : null, measured ? LOSS[loss] : null,
                    measured ? JITTER[jitter] : null, measured ? LATENCY[latency] : null, poor, features,
                    queued ? "q" + (customer % 7) : null, queued ? OUTCOMES[random.nextInt(4)] : null,
                    queued ? random.nextInt(120) : null));
        }
        return rows;
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ} of an epoch second, as Instant.toString writes a whole second. */
    static String isoSecond(long epochSecond) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        char[] out = "0000-00-00T00:00:00Z".toCharArray();
        put(out, 0, t.getYear(), 4);
        put(out, 5, t.getMonthValue(), 2);
        put(out, 8, t.getDayOfMonth(), 2);
        put(out, 11, t.getHour(), 2);
        put(out, 14, t.getMinute(), 2);
        put(out, 17, t.getSecond(), 2);
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--, value /= 10) {
            out[i] = (char) ('0' + value % 10);
        }
    }

    /**
     * Text written as bytes: everything the generator writes is ASCII, and bodies go out as bytes (a 3 MB String
     * would be copied once more to be encoded; the generator shares the CPU with what it measures).
     */
    static final class Ascii {
        private byte[] bytes;
        private int length;

        Ascii(int capacity) {
            bytes = new byte[capacity];
        }

        @SuppressWarnings("deprecation") // the byte-copying getBytes: exactly right for ASCII
        Ascii append(String text) {
            ensure(text.length());
            text.getBytes(0, text.length(), bytes, length);
            length += text.length();
            return this;
        }

        Ascii append(char c) {
            ensure(1);
            bytes[length++] = (byte) c;
            return this;
        }

        Ascii append(int value) {
            return append(Integer.toString(value));
        }

        Ascii append(Object value) {
            return append(String.valueOf(value));
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        byte[] toBytes() {
            return Arrays.copyOf(bytes, length);
        }

        @Override
        public String toString() {
            return new String(bytes, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    byte[] batchJson(String partner, int batch, int batches) {
        Ascii json = new Ascii(BATCH * 300).append('[');
        boolean first = true;
        for (Gen g : batch(partner, batch, batches)) {
            if (!first) {
                json.append(',');
            }
            first = false;
            recordJson(json, g);
        }
        return json.append(']').toBytes();
    }

    static void recordJson(Ascii json, Gen g) {
        json.append("{\"callId\":\"").append(g.callId()).append("\",\"customerId\":\"").append(g.customerId())
                .append("\",\"userId\":\"").append(g.userId()).append("\",\"startTime\":\"").append(g.start())
                .append("\",\"durationSeconds\":").append(g.duration())
                .append(",\"direction\":\"").append(g.outbound() ? "OUTBOUND" : "INBOUND")
                .append("\",\"endpointType\":\"").append(g.endpoint()).append('"');
        if (g.mos() != null) {
            json.append(",\"mos\":").append(g.mos()).append(",\"packetLossPct\":").append(g.loss())
                    .append(",\"jitterMs\":").append(g.jitter()).append(",\"latencyMs\":").append(g.latency());
        }
        json.append(",\"features\":[");
        for (int f = 0; f < g.features().size(); f++) {
            json.append(f == 0 ? "\"" : ",\"").append(g.features().get(f)).append('"');
        }
        json.append(']');
        if (g.queueId() != null) {
            json.append(",\"queue\":{\"queueId\":\"").append(g.queueId()).append("\",\"outcome\":\"").append(g.outcome())
                    .append("\",\"waitSeconds\":").append(g.waitSeconds()).append('}');
        }
        json.append('}');
    }

    /**
     * The topic path: {@code records} CDR events (same generator) written to {@code partnerhub.cdr.v1} as fast as the
     * producer goes, timed from the first send until the service's weekly aggregates hold every one of them.
     */
    double topicRate(String partner, int records, String bootstrap, String jdbcUrl) throws Exception {
        java.util.Properties config = new java.util.Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        config.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        config.put("linger.ms", "20");
        config.put("acks", "all");
        int batches = Math.max(1, records / BATCH);
        long start = System.nanoTime();
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(config)) {
            for (int b = 0; b < batches; b++) {
                for (Gen g : batch(partner, b, batches)) {
                    Ascii event = new Ascii(400).append("{\"specversion\":\"1.0\",\"id\":\"").append(partner)
                            .append('-').append(g.callId()).append("\",\"source\":\"/bench\",\"type\":\"partnerhub.cdr\",")
                            .append("\"partnerorgid\":\"").append(partner).append("\",\"datacontenttype\":\"application/json\",\"data\":");
                    recordJson(event, g);
                    producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("partnerhub.cdr.v1", g.customerId(),
                            event.append('}').toString()));
                }
            }
            producer.flush();
        }
        long expected = (long) batches * BATCH;
        try (Connection db = DriverManager.getConnection(jdbcUrl, Postgres.USER, "");
             java.sql.PreparedStatement calls = db.prepareStatement("select coalesce(sum(w.calls), 0) from customer_week w "
                     + "join partner p on p.id = w.partner_id where p.partner_org_id = ?")) {
            calls.setString(1, partner);
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                try (java.sql.ResultSet rs = calls.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) == expected;
                }
            });
        }
        return expected / ((System.nanoTime() - start) / 1e9);
    }

    byte[] batchCsv(String partner, int partnerId, int batch, int batches) {
        Ascii csv = new Ascii(BATCH * 250);
        String now = Instant.now().toString();
        for (Gen g : batch(partner, batch, batches)) {
            csv.append(partnerId);
            for (Object value : rawRow(g)) {
                csv.append(',').append(n(value));
            }
            csv.append(',').append(now).append('\n');
        }
        return csv.toBytes();
    }

    static String n(Object value) {
        return value == null ? "" : value.toString();
    }

    /** {@code %08x-0000-4000-8000-%012x} of kind and n, without a Formatter (the load generator shares the CPU). */
    static String uuid(int kind, int n) {
        String k = Integer.toHexString(kind);
        String v = Integer.toHexString(n);
        return "00000000".substring(k.length()) + k + "-0000-4000-8000-" + "000000000000".substring(v.length()) + v;
    }

    static double pct(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    Process startService(Path root, Path state, Postgres postgres, Kafka kafka) throws IOException, InterruptedException {
        Path jar = root.resolve("calling-metrics-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: build first (./mvnw install -DskipTests -pl calling-metrics-service)");
        }
        int port = Ports.free();
        int managementPort = Ports.free();
        serviceUrl = "http://127.0.0.1:" + port;
        String java = ProcessHandle.current().info().command().orElse("java");
        // heap for bulk ingest: each batch in flight holds its body, records and column arrays; with 768 MB and 6 clients
        // (bodies were still read as trees then, ~40 MB per batch) the young collections copied the live batches over
        // and over (~12 % of the time paused). Not measured again since the body is streamed.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx2g", "-XX:+UseParallelGC"));
        // extra service JVM options, e.g. -Dcalling.bench.jvm=-XX:StartFlightRecording=filename=/tmp/jfr/,settings=profile
        String jvm = System.getProperty("calling.bench.jvm", "").trim();
        if (!jvm.isEmpty()) {
            command.addAll(List.of(jvm.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(state.resolve("calling-metrics-service.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_HOST", SystemLauncher.BIND_HOST);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_MANAGEMENT_HOST", SystemLauncher.BIND_HOST);
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("calling_metrics"));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl("calling_metrics"));
        env.put("QUARKUS_DATASOURCE_USERNAME", Postgres.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", Postgres.PASSWORD);
        // tokens signed by TestTokens, as in the per-service tests (no Keycloak needed to measure ingest)
        env.put("QUARKUS_OIDC_PUBLIC_KEY", TestTokens.publicKeyBase64());
        env.put("QUARKUS_OIDC_TOKEN_ISSUER", TestTokens.ISSUER);
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "");
        env.put("QUARKUS_OIDC_DISCOVERY_ENABLED", "false");
        if (Boolean.getBoolean("calling.bench.debug")) {
            env.put("QUARKUS_LOG_CATEGORY__IO_PARTNERHUB_CALLINGMETRICS__LEVEL", "DEBUG");
        }
        Process process = builder.start();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready")).build();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IOException("calling-metrics-service exited; see " + state.resolve("calling-metrics-service.log"));
                }
                try {
                    return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false; // not listening yet
                }
            });
            return process;
        } catch (RuntimeException e) {
            process.destroy();
            throw new IOException("calling-metrics-service not ready; see " + state.resolve("calling-metrics-service.log"), e);
        }
    }
}
