package io.partnerhub.e2e;

import io.partnerhub.e2e.bench.Figures;
import io.partnerhub.platform.devstack.DemoData;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Read latency of analytics-service at 100,000 customers next to 1,000, in one run (not part of {@code verify}):
 * {@code ./mvnw -o test -pl e2e -Dtest=AnalyticsReadBenchmark -Dsurefire.failIfNoSpecifiedTests=false} after
 * {@code ./mvnw install -DskipTests}.
 * <p>
 * Starts real PostgreSQL (with {@code pg_stat_statements}) and Kafka (devstack) and the analytics-service production
 * jar alone with production JVM settings (as {@link CallingIngestBenchmark}: 2 GB heap, parallel GC, full JIT, tokens
 * signed by the devstack test key), and calls the service on its own port. It publishes the events of two partners
 * straight to the two topics the service reads ({@link AnalyticsBenchData}; Acme: {@code analytics.bench.customers},
 * default 100,000 customers, 150,000 subscriptions, 300,000 lines, 12 weekly snapshots; Globex:
 * {@code analytics.bench.small}, default 1,000), waits until the consumer group has no lag and no customer is left
 * to recompute, then times every read at asOf today and asOf today − 56 days for both partners, interleaved call by
 * call: first pages (JSON, default limit) {@code analytics.bench.samples} times (default 100) and CSV (whole table)
 * {@code analytics.bench.csvSamples} times (default 5), after warm-up calls. The first call at each asOf computes
 * the low-allocation and overage sets of that date: it is reported apart ("cold") and not counted.
 * <p>
 * Report: {@code e2e/target/bench/analytics-read.md}; with plans of the slow statements (auto_explain with
 * ANALYZE, after the measured calls) in {@code e2e/target/bench/analytics-read-plans.log}. Seed:
 * {@code analytics.bench.seed} (42). The databases and broker data are deleted at the end unless
 * {@code -Danalytics.bench.keep=true}.
 */
class AnalyticsReadBenchmark {

    static final String BASE = "/api/v1/analytics";
    static final String GROUP = "analytics-service";
    static final List<String> TOPICS = List.of(AnalyticsBenchData.CUSTOMERS_TOPIC, AnalyticsBenchData.SUBSCRIPTIONS_TOPIC);
    static final double GOAL_P99_MS = 100;
    static final double GOAL_RATIO = 3;

    final Figures figures = new Figures("analytics-read");
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    final StringBuilder report = new StringBuilder();
    String serviceUrl;
    Process service;

    /** One read: its name in the report and its path without {@code asOf}. */
    record Endpoint(String name, String path) {
    }

    /** The timings of one read at one asOf in one format, for both partners. */
    record Series(Endpoint endpoint, LocalDate asOf, boolean csv, double[] big, double[] small, int bigRows, int smallRows) {
    }

    static List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        all.add(new Endpoint("kpis", BASE + "/kpis?"));
        for (String product : List.of("MEETINGS", "CALLING")) {
            all.add(new Endpoint("license-trend " + product, BASE + "/license-trend?product=" + product + "&"));
        }
        for (String section : List.of("recently-added", "expiring", "renewing", "low-allocation", "overage")) {
            for (String product : List.of("MEETINGS", "CALLING")) {
                all.add(new Endpoint(section + " " + product, BASE + "/" + section + "?product=" + product + "&"));
            }
        }
        return all;
    }

    @Test
    void firstPagesAt100kCustomersNextTo1k() throws Exception {
        int bigSize = Integer.getInteger("analytics.bench.customers", 100_000);
        int smallSize = Integer.getInteger("analytics.bench.small", 1_000);
        Path root = Path.of(System.getProperty("partnerhub.root", "..")).toAbsolutePath().normalize();
        Path state = root.resolve("e2e/target/analytics-bench-" + ProcessHandle.current().pid());
        Files.createDirectories(state.resolve("pglog"));
        try {
            run(root, state, new AnalyticsBenchData.Partner(DemoData.ACME, "ACME", bigSize),
                    new AnalyticsBenchData.Partner(DemoData.GLOBEX, "GLOBEX", smallSize));
        } finally {
            if (!Boolean.getBoolean("analytics.bench.keep")) {
                Directories.delete(state.resolve("postgres"));
                Directories.delete(state.resolve("kafka"));
                Directories.delete(state.resolve("analytics-service-app"));
            }
        }
    }

    void run(Path root, Path state, AnalyticsBenchData.Partner big, AnalyticsBenchData.Partner small) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("shared_preload_libraries", "pg_stat_statements,auto_explain");
        settings.put("logging_collector", "on");
        settings.put("log_directory", state.resolve("pglog").toString());
        settings.put("log_filename", "postgresql.log");
        // the service runs from a copy of its build: a rebuild meanwhile (others at work on the module) leaves this run alone
        Path app = root.resolve("analytics-service/target/quarkus-app");
        if (!Files.exists(app.resolve("quarkus-run.jar"))) {
            throw new IOException(app + " is missing: build first (./mvnw install -DskipTests)");
        }
        String built = Files.getLastModifiedTime(app.resolve("app/analytics-service-0.1.0-SNAPSHOT.jar")).toInstant()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        copy(app, state.resolve("analytics-service-app"));
        try (Postgres postgres = Postgres.start(root.resolve("platform/devstack/target/pg-work"), state.resolve("postgres"), 0, settings);
             Kafka kafka = Kafka.start(state.resolve("kafka"), 0, 0)) {
            postgres.createDatabases(List.of("analytics"));
            String jdbc = postgres.jdbcUrl("analytics");
            createTopics(kafka.bootstrapServers());
            service = startService(root, state, postgres, kafka);
            try {
                sql(jdbc, "create extension if not exists pg_stat_statements");
                line("# analytics-service read benchmark");
                line("");
                line(String.format(Locale.ROOT, "%s, %d cores; analytics-service production jar alone (-Xmx2g -XX:+UseParallelGC, full JIT), "
                                + "called on its own port (not through the gateway) with devstack test-key tokens of a partner-full-admin; "
                                + "PostgreSQL %s (devstack: fsync off) and Kafka (in the benchmark's JVM) from devstack. "
                                + "Big partner Acme %,d customers, small partner Globex %,d customers, seed %d, today %s; service jar built %s.",
                        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                        query(jdbc, "show server_version"), big.customers(), small.customers(), Long.getLong("analytics.bench.seed", 42), today,
                        built));
                line("");
                load(jdbc, kafka.bootstrapServers(), big, small);
                reads(jdbc, big, small, state);
            } finally {
                System.out.println(report);
                Path out = root.resolve("e2e/target/bench/analytics-read.md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report.toString());
                figures.write();
                service.destroy();
                service.waitFor();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- load

    void load(String jdbc, String bootstrap, AnalyticsBenchData.Partner big, AnalyticsBenchData.Partner small) throws Exception {
        sql(jdbc, "select pg_stat_statements_reset()");
        Cpu before = Cpu.now(service);
        AnalyticsBenchData data = new AnalyticsBenchData(Long.getLong("analytics.bench.seed", 42), today, Instant.now());
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L * 1024 * 1024));
        byte[] contentType = "application/cloudevents+json".getBytes(StandardCharsets.UTF_8);
        AnalyticsBenchData.Counts total = new AnalyticsBenchData.Counts();
        Map<String, AnalyticsBenchData.Counts> byPartner = new LinkedHashMap<>();
        long start = System.nanoTime();
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            AnalyticsBenchData.Sink sink = (topic, key, value) -> {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
                record.headers().add("content-type", contentType);
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
            };
            for (AnalyticsBenchData.Partner partner : List.of(small, big)) {
                AnalyticsBenchData.Counts counts = data.write(partner, sink);
                byPartner.put(partner.code(), counts);
                total.add(counts);
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("the broker refused a record", failed.get());
        }
        double published = seconds(start);
        System.out.printf(Locale.ROOT, "published %,d events in %.1f s%n", total.events(), published);

        Map<String, Double> caughtUp = new LinkedHashMap<>();
        double loaded;
        long timeout = Long.getLong("analytics.bench.loadTimeoutMinutes", 90);
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (AdminClient kafkaAdmin = AdminClient.create(admin);
             Connection db = DriverManager.getConnection(jdbc, Postgres.USER, "")) {
            long lastPrint = 0;
            while (true) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("analytics-service exited during the load");
                }
                Map<String, Long> lag = lag(kafkaAdmin);
                long dirty = count(db, "select count(*) from dirty_customer");
                lag.forEach((topic, l) -> {
                    if (l == 0) {
                        caughtUp.putIfAbsent(topic, seconds(start));
                    }
                });
                if (lag.values().stream().allMatch(l -> l == 0) && dirty == 0) {
                    loaded = seconds(start);
                    break;
                }
                if (System.nanoTime() - lastPrint > 15e9) {
                    lastPrint = System.nanoTime();
                    System.out.printf(Locale.ROOT, "%6.0f s: lag %s, dirty customers %,d, lines %,d%n", seconds(start), lag, dirty,
                            count(db, "select count(*) from subscription_line"));
                }
                if (seconds(start) > timeout * 60) {
                    throw new IllegalStateException("not consumed after " + timeout + " minutes: lag " + lag + ", dirty " + dirty);
                }
                Thread.sleep(250);
            }
        }
        Cpu cpu = Cpu.now(service).minus(before);

        line("## Load");
        line("");
        line(String.format(Locale.ROOT, "| partner | customer events | subscription events | trial events | usage events | lines | snapshots | MB |"));
        line("|---|---|---|---|---|---|---|---|");
        byPartner.forEach((code, c) -> line(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %.0f |", code,
                c.customerEvents, c.subscriptionEvents, c.trialEvents, c.usageEvents, c.lines, c.snapshots, c.bytes / 1e6)));
        line("");
        line(String.format(Locale.ROOT, "Published %,d events in %.1f s (one producer, acks=all, linger 20 ms, not waiting per record); "
                        + "**consumed and recomputed in %.1f s from the first send = %,.0f events/s** (%,.0f snapshots/s); "
                        + "lag 0 on %s.", total.events(), published, loaded, total.events() / loaded, total.snapshots / loaded,
                caughtUp.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s at %.1f s", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", "))));
        line(String.format(Locale.ROOT, "CPU during the load: PostgreSQL %.0f s, analytics-service %.0f s, benchmark JVM (generator, producer, broker) %.0f s.",
                cpu.postgres, cpu.service, cpu.benchmark));
        line("");
        line("In the database after the load: " + String.join(", ", List.of(
                row(jdbc, "select format('%s customers', count(*)) from customer"),
                row(jdbc, "select format('%s lines', count(*)) from subscription_line"),
                row(jdbc, "select format('%s snapshots', count(*)) from license_snapshot"),
                row(jdbc, "select format('%s partner_day rows', count(*)) from partner_day"),
                row(jdbc, "select format('database %s', pg_size_pretty(pg_database_size(current_database())))"))) + ".");
        line("");
        line("Statements by execution time during the load (pg_stat_statements; total, calls, mean):");
        line("");
        statements(jdbc, 8);
        // autovacuum may not have analyzed the freshly loaded tables yet; the reads are measured on current statistics
        line("");
        line("Tables analyzed by autovacuum by the end of the load: "
                + row(jdbc, "select coalesce(string_agg(relname, ', ' order by relname), 'none') from pg_stat_user_tables where last_autoanalyze is not null")
                + "; then `ANALYZE` before the reads.");
        sql(jdbc, "analyze");
        line("");
    }

    Map<String, Long> lag(AdminClient admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
        List<TopicPartition> partitions = admin.describeTopics(TOPICS).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
        Map<String, Long> lag = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            long end = ends.get(tp).offset();
            OffsetAndMetadata done = committed.get(tp);
            lag.merge(tp.topic(), Math.max(0, end - (done == null ? 0 : done.offset())), Long::sum);
        }
        return lag;
    }

    static void createTopics(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (AdminClient admin = AdminClient.create(props)) {
            admin.createTopics(TOPICS.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList()).all().get();
        }
    }

    // ---------------------------------------------------------------------------------------------------- reads

    void reads(String jdbc, AnalyticsBenchData.Partner big, AnalyticsBenchData.Partner small, Path state) throws Exception {
        int samples = Integer.getInteger("analytics.bench.samples", 100);
        int csvSamples = Integer.getInteger("analytics.bench.csvSamples", 5);
        String bigToken = TestTokens.issue(big.id(), "alice", "partner-full-admin");
        String smallToken = TestTokens.issue(small.id(), "gina", "partner-full-admin");
        List<Endpoint> endpoints = endpoints();

        // JIT and pools warm at a third date (its sets computed there), so that no measured call pays for compiling
        LocalDate warmDate = today.minusDays(28);
        for (int i = 0; i < 20; i++) {
            for (Endpoint e : endpoints) {
                for (String token : List.of(bigToken, smallToken)) {
                    get(token, e.path() + "asOf=" + warmDate, false);
                    if (i < 2) {
                        get(token, e.path() + "asOf=" + warmDate, true);
                    }
                }
            }
        }
        sql(jdbc, "select pg_stat_statements_reset()");

        List<Series> series = new ArrayList<>();
        Map<String, Double> cold = new LinkedHashMap<>();
        Map<String, String> kpis = new LinkedHashMap<>();
        for (LocalDate asOf : List.of(today, today.minusDays(56))) {
            // the first read at a new date computes the partner's low-allocation and overage sets of both products
            for (AnalyticsBenchData.Partner p : List.of(big, small)) {
                String token = p == big ? bigToken : smallToken;
                Answer first = get(token, BASE + "/kpis?asOf=" + asOf, false);
                cold.put(p.code() + " " + asOf, first.millis);
                kpis.put(p.code() + " " + asOf, first.body);
            }
            for (Endpoint e : endpoints) {
                for (boolean csv : List.of(false, true)) {
                    String path = e.path() + "asOf=" + asOf;
                    int warm = csv ? 2 : 5;
                    int n = csv ? csvSamples : samples;
                    int bigRows = 0;
                    int smallRows = 0;
                    for (int i = 0; i < warm; i++) {
                        bigRows = get(bigToken, path, csv).rows;
                        smallRows = get(smallToken, path, csv).rows;
                    }
                    double[] b = new double[n];
                    double[] s = new double[n];
                    for (int i = 0; i < n; i++) {
                        b[i] = get(bigToken, path, csv).millis;
                        s[i] = get(smallToken, path, csv).millis;
                    }
                    Arrays.sort(b);
                    Arrays.sort(s);
                    series.add(new Series(e, asOf, csv, b, s, bigRows, smallRows));
                    System.out.printf(Locale.ROOT, "%-28s %s %-4s big p50 %7.1f p99 %7.1f | small p50 %6.1f p99 %6.1f%n", e.name(), asOf,
                            csv ? "csv" : "json", pct(b, 50), pct(b, 99), pct(s, 50), pct(s, 99));
                }
            }
        }

        line("## Reads");
        line("");
        line(String.format(Locale.ROOT, "Sequential calls, one at a time, big and small partner alternating call by call; first page = JSON with the "
                + "default limit (50), %d timed calls after 5 warm-up calls; CSV = `Accept: text/csv`, the whole table, %d timed calls "
                + "after 2 warm-up calls. Before all of it, 20 rounds of every read at asOf %s warmed JIT and pools. "
                + "Rows = CSV data rows (the whole set). Goal (first pages): p99 ≤ %.0f ms at %,d customers and ≤ %.0f× the p99 at %,d.",
                samples, csvSamples, warmDate, GOAL_P99_MS, big.customers(), GOAL_RATIO, small.customers()));
        line("");
        line(String.format(Locale.ROOT, "| read | asOf | format | %,d p50 ms | %,d p99 ms | %,d p50 ms | %,d p99 ms | p99 big/small | rows %,d / %,d | goal |",
                small.customers(), small.customers(), big.customers(), big.customers(), small.customers(), big.customers()));
        line("|---|---|---|---|---|---|---|---|---|---|");
        List<Series> slow = new ArrayList<>();
        for (Series s : series) {
            double ratio = pct(s.big, 99) / pct(s.small, 99);
            String goal = "";
            if (!s.csv && s.asOf.equals(today)) {
                figures.add("first page p99 " + s.endpoint.name(), pct(s.big, 99), "ms",
                        String.format(Locale.ROOT, "at %,d customers", small.customers()), pct(s.small, 99), Figures.Goal.ratioAtMost(GOAL_RATIO));
            }
            if (!s.csv) {
                boolean met = pct(s.big, 99) <= GOAL_P99_MS && ratio <= GOAL_RATIO;
                goal = met ? "met" : "**missed**";
                if (!met) {
                    slow.add(s);
                }
            }
            line(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %.2f | %s | %s |", s.endpoint.name(),
                    s.asOf.equals(today) ? "today" : "today−56d", s.csv ? "CSV" : "first page", pct(s.small, 50), pct(s.small, 99),
                    pct(s.big, 50), pct(s.big, 99), ratio,
                    s.csv ? String.format(Locale.ROOT, "%,d / %,d", s.smallRows, s.bigRows) : "", goal));
        }
        line("");
        line("Cold: the first call at each asOf (`/kpis`, which computes the low-allocation and overage sets of both products at that date; "
                + "not counted above):");
        line("");
        line("| partner | asOf | first call ms | set members at that date |");
        line("|---|---|---|---|");
        cold.forEach((key, ms) -> {
            String[] parts = key.split(" ");
            String partnerId = parts[0].equals(big.code()) ? big.id() : small.id();
            String members;
            try {
                members = row(jdbc, "select count(*) || ' (' || count(*) filter (where kind = 'LOW') || ' low, ' || count(*) filter (where kind = 'OVER') "
                        + "|| ' over)' from line_set where partner_org_id = '" + partnerId + "' and as_of = '" + parts[1] + "'");
            } catch (Exception e) {
                members = "?";
            }
            line(String.format(Locale.ROOT, "| %s | %s | %.0f | %s |", parts[0], parts[1].equals(today.toString()) ? "today" : "today−56d",
                    ms, members));
        });
        line("");
        line("KPIs answered (first call at each date):");
        line("");
        kpis.forEach((key, body) -> line("- " + key + ": `" + body + "`"));
        line("");
        long missed = slow.size();
        line(String.format(Locale.ROOT, "**First pages meeting the goal: %d of %d.**", series.stream().filter(s -> !s.csv).count() - missed,
                series.stream().filter(s -> !s.csv).count()));
        line("");
        line("Statements by execution time during the measured reads (pg_stat_statements; total, calls, mean):");
        line("");
        statements(jdbc, 12);
        explainSlow(jdbc, state, slow, bigToken, big);
    }

    /**
     * After the measurements: the plans (EXPLAIN ANALYZE through auto_explain) of every statement over 10 ms while
     * each missed first page is called once more, and of a cold set computation at a new date.
     */
    void explainSlow(String jdbc, Path state, List<Series> slow, String bigToken, AnalyticsBenchData.Partner big) throws Exception {
        Path log = state.resolve("pglog/postgresql.log");
        long from = Files.exists(log) ? Files.size(log) : 0;
        sql(jdbc, "alter system set auto_explain.log_min_duration = '10ms'");
        sql(jdbc, "alter system set auto_explain.log_analyze = on");
        sql(jdbc, "alter system set auto_explain.log_buffers = on");
        sql(jdbc, "alter system set auto_explain.log_parameter_max_length = 200"); // the set's insert binds 37,000-element arrays
        sql(jdbc, "select pg_reload_conf()");
        Thread.sleep(1000);
        try {
            for (Series s : slow) {
                get(bigToken, s.endpoint.path() + "asOf=" + s.asOf, false);
            }
            LocalDate fresh = today.minusDays(14);
            Answer cold = get(bigToken, BASE + "/low-allocation?product=MEETINGS&asOf=" + fresh, false);
            line("");
            line(String.format(Locale.ROOT, "Once more for the plans: a cold first call at asOf %s (%s) took %.0f ms with auto_explain's instrumentation on.",
                    fresh, big.code(), cold.millis));
        } finally {
            sql(jdbc, "alter system reset auto_explain.log_min_duration");
            sql(jdbc, "alter system reset auto_explain.log_analyze");
            sql(jdbc, "alter system reset auto_explain.log_buffers");
            sql(jdbc, "alter system reset auto_explain.log_parameter_max_length");
            sql(jdbc, "select pg_reload_conf()");
        }
        Thread.sleep(500);
        if (Files.exists(log)) {
            byte[] all = Files.readAllBytes(log);
            Path out = state.getParent().resolve("bench/analytics-read-plans.log");
            Files.createDirectories(out.getParent());
            Files.write(out, Arrays.copyOfRange(all, (int) Math.min(from, all.length), all.length));
        }
    }

    record Answer(double millis, int rows, String body) {
    }

    Answer get(String token, String path, boolean csv) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Accept", csv ? "text/csv" : "application/json").GET().build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double millis = (System.nanoTime() - start) / 1e6;
        byte[] body = response.body();
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + new String(body, StandardCharsets.UTF_8));
        }
        int rows = 0;
        if (csv) {
            for (byte b : body) {
                if (b == '\n') {
                    rows++;
                }
            }
            rows = Math.max(0, rows - 1);
        }
        return new Answer(millis, rows, csv || body.length > 2000 ? "" : new String(body, StandardCharsets.UTF_8));
    }

    static double pct(double[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    // ---------------------------------------------------------------------------------------------------- the service

    Process startService(Path root, Path state, Postgres postgres, Kafka kafka) throws IOException {
        Path jar = state.resolve("analytics-service-app/quarkus-run.jar");
        int port = Ports.free();
        int managementPort = Ports.free();
        serviceUrl = "http://127.0.0.1:" + port;
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx2g", "-XX:+UseParallelGC"));
        String jvm = System.getProperty("analytics.bench.jvm", "").trim();
        if (!jvm.isEmpty()) {
            command.addAll(List.of(jvm.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(state.resolve("analytics-service.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_HOST", SystemLauncher.BIND_HOST);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_MANAGEMENT_HOST", SystemLauncher.BIND_HOST);
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("analytics"));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl("analytics"));
        env.put("QUARKUS_DATASOURCE_USERNAME", Postgres.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", Postgres.PASSWORD);
        env.put("QUARKUS_OIDC_PUBLIC_KEY", TestTokens.publicKeyBase64());
        env.put("QUARKUS_OIDC_TOKEN_ISSUER", TestTokens.ISSUER);
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "");
        env.put("QUARKUS_OIDC_DISCOVERY_ENABLED", "false");
        Process process = builder.start();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroy();
                throw new IOException("analytics-service not ready; see " + state.resolve("analytics-service.log"));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** CPU seconds so far of PostgreSQL (every server process), the service and this JVM. */
    record Cpu(double postgres, double service, double benchmark) {
        static Cpu now(Process service) {
            double postgres = ProcessHandle.allProcesses()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                    .mapToDouble(p -> seconds(p.info())).sum();
            return new Cpu(postgres, seconds(service.info()), seconds(ProcessHandle.current().info()));
        }

        static double seconds(ProcessHandle.Info info) {
            return info.totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(postgres - earlier.postgres, service - earlier.service, benchmark - earlier.benchmark);
        }
    }

    // ---------------------------------------------------------------------------------------------------- SQL

    void statements(String jdbc, int limit) throws Exception {
        line("| total s | calls | mean ms | max ms | statement |");
        line("|---|---|---|---|---|");
        try (Connection db = DriverManager.getConnection(jdbc, Postgres.USER, "");
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("""
                     select regexp_replace(left(query, 1000), '\\s+', ' ', 'g'), calls, total_exec_time, mean_exec_time, max_exec_time
                       from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
                      order by total_exec_time desc limit %d""".formatted(limit))) {
            while (rows.next()) {
                String query = rows.getString(1);
                line(String.format(Locale.ROOT, "| %.1f | %,d | %.2f | %.1f | `%s` |", rows.getDouble(3) / 1000, rows.getLong(2), rows.getDouble(4),
                        rows.getDouble(5), (query.length() > 160 ? query.substring(0, 160) + "…" : query).replace("|", "\\|")));
            }
        }
    }

    static void sql(String jdbc, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, Postgres.USER, ""); Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    static String query(String jdbc, String sql) throws Exception {
        return row(jdbc, sql);
    }

    static String row(String jdbc, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, Postgres.USER, ""); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : "";
        }
    }

    static long count(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    void line(String text) {
        report.append(text).append('\n');
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
