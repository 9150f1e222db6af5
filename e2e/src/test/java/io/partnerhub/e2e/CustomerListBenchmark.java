package io.partnerhub.e2e;

import io.partnerhub.e2e.bench.Figures;
import io.partnerhub.platform.devstack.DemoData;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/**
 * Issue 3's benchmark (not part of the test command): the customer list at 1,000 and at 100,000 customers of one
 * partner, through the gateway with a real token. Reports p50/p99 of a filtered, sorted first page and of a deep
 * page (50,000 rows in, reached by following cursors), and writes them to e2e/target/benchmarks/customer-list.md.
 * Run (after ./mvnw install -DskipTests): ./mvnw -pl e2e verify -Dtest=CustomerListBenchmark
 */
class CustomerListBenchmark {

    static final int SAMPLES = 200;
    static final String FILTERED = "/api/v1/customers?status=ACTIVE&product=CALLING&managedBy=PARTNER&sort=name&limit=50";

    @Test
    void customerListCostFollowsThePageNotThePartner() throws Exception {
        SystemLauncher system = RunningSystem.production(); // benchmarks: production JVM settings
        // loading 100,000 customers outlasts an access token (5 minutes): a new one is fetched before it expires
        Supplier<String> token = KeycloakTokens.refreshingPassword(system.keycloak().realmUrl(), "alice@acme.example",
                system.secret("PARTNERHUB_DEMO_PASSWORD"));
        StringBuilder report = new StringBuilder("| customers | request | p50 ms | p99 ms |\n|---|---|---|---|\n");
        int large = Integer.getInteger("customer.bench.customers", 100_000);
        Figures figures = new Figures("customer-list");
        double[] small = null;
        for (int size : new int[] {1_000, large}) {
            // each size gets a partner of its own: the demo token's partner is re-pointed by loading into it
            String partner = DemoData.ACME;
            load(system, partner, size);
            String base = system.gatewayUrl();
            double[] first = measure(() -> given().baseUri(base).auth().oauth2(token.get()).get(FILTERED));
            String deepCursor = cursorAt(base, token, Math.min(size / 2, 50_000));
            String deep = "/api/v1/customers?sort=name&limit=50&cursor=" + deepCursor;
            double[] deepPage = measure(() -> given().baseUri(base).auth().oauth2(token.get()).get(deep));
            if (size == 1_000) {
                small = first;
            } else {
                figures.add(String.format("filtered, sorted first page p99 at %,d customers", size), first[1], "ms",
                        "at 1,000 customers", small[1], null);
            }
            report.append("| ").append(size).append(" | filtered, sorted first page | ").append(fmt(first[0])).append(" | ")
                    .append(fmt(first[1])).append(" |\n");
            report.append("| ").append(size).append(" | page ").append(Math.min(size / 2, 50_000)).append(" rows deep | ")
                    .append(fmt(deepPage[0])).append(" | ").append(fmt(deepPage[1])).append(" |\n");
        }
        System.out.println(report);
        Path out = Path.of("target/benchmarks/customer-list.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        figures.section("## Customer list\n\np50/p99 of " + SAMPLES + " calls through the gateway.\n\n" + report);
        figures.write();
    }

    interface Call {
        Response run();
    }

    static double[] measure(Call call) {
        // the first size is measured right after the system started: enough calls for the JIT, not only the caches
        for (int i = 0; i < 300; i++) {
            call.run().then().statusCode(200);
        }
        double[] millis = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            Response response = call.run();
            millis[i] = (System.nanoTime() - start) / 1_000_000.0;
            response.then().statusCode(200);
        }
        Arrays.sort(millis);
        return new double[] {millis[SAMPLES / 2], millis[(int) Math.ceil(SAMPLES * 0.99) - 1]};
    }

    static String cursorAt(String base, Supplier<String> token, int depth) {
        String cursor = null;
        int seen = 0;
        while (seen < depth) {
            Response page = given().baseUri(base).auth().oauth2(token.get())
                    .get("/api/v1/customers?sort=name&limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            page.then().statusCode(200);
            seen += page.jsonPath().getList("items").size();
            cursor = page.jsonPath().getString("nextCursor");
        }
        return cursor;
    }

    /** Replaces the partner's customers by {@code size} generated ones with subscriptions, lines, usage and tags. */
    static void load(SystemLauncher system, String partner, int size) throws Exception {
        try (Connection db = DriverManager.getConnection(system.postgres().jdbcUrl("customers"), "postgres", "")) {
            db.setAutoCommit(false);
            for (String sql : List.of(
                    "delete from customer_status where customer_id in (select id from customer where partner_org_id = ?)",
                    "delete from customer_tag where customer_id in (select id from customer where partner_org_id = ?)",
                    "delete from customer_admin where customer_id in (select id from customer where partner_org_id = ?)",
                    "delete from customer where partner_org_id = ?",
                    "delete from subscription_summary where partner_org_id = ?",
                    "delete from subscription_line where partner_org_id = ?",
                    "delete from license_snapshot where partner_org_id = ?")) {
                try (PreparedStatement statement = db.prepareStatement(sql)) {
                    statement.setString(1, partner);
                    statement.executeUpdate();
                }
            }
            try (PreparedStatement statement = db.prepareStatement("""
                    insert into customer (id, partner_org_id, name, external_id, managed_by, created_at, created_by, deleted, version)
                    select md5(? || i)::uuid, ?, 'Customer ' || substr(md5(i::text), 1, 8) || ' ' || i, 'BENCH-' || i,
                           case when i % 3 = 0 then 'EXTERNAL' else 'PARTNER' end, now() - make_interval(mins => i), 'bench', false, 1
                      from generate_series(1, ?) i""")) {
                statement.setString(1, partner);
                statement.setString(2, partner);
                statement.setInt(3, size);
                statement.executeUpdate();
            }
            try (PreparedStatement statement = db.prepareStatement("""
                    insert into subscription_summary (partner_org_id, subscription_id, customer_id, type, status, start_date, end_date, auto_renew, version)
                    select ?, 'SUB-' || i, md5(? || i)::uuid, case when i % 10 = 0 then 'TRIAL' else 'SUBSCRIPTION' end,
                           case when i % 10 = 0 then 'ACTIVE' when i % 7 = 0 then 'SUSPENDED' when i % 11 = 0 then 'ORDER_READY' else 'ACTIVE' end,
                           current_date - (i % 300), current_date + 30 + (i % 400), i % 2 = 0, 1
                      from generate_series(1, ?) i where i % 5 <> 4""")) {
                statement.setString(1, partner);
                statement.setString(2, partner);
                statement.setInt(3, size);
                statement.executeUpdate();
            }
            try (PreparedStatement statement = db.prepareStatement("""
                    insert into subscription_line (partner_org_id, subscription_id, product, sku, purchased)
                    select s.partner_org_id, s.subscription_id, p.product, 'SKU-' || p.product, 10 + length(s.subscription_id)
                      from subscription_summary s
                      cross join (values ('MEETINGS'), ('CALLING')) p(product)
                     where s.partner_org_id = ? and (p.product = 'MEETINGS' or right(s.subscription_id, 1) in ('1', '3', '5'))""")) {
                statement.setString(1, partner);
                statement.executeUpdate();
            }
            try (PreparedStatement statement = db.prepareStatement("""
                    insert into license_snapshot (partner_org_id, subscription_id, product, day, assigned, used)
                    select l.partner_org_id, l.subscription_id, l.product, current_date - d, l.purchased - 2 + (d % 5), l.purchased / 2
                      from subscription_line l cross join generate_series(0, 21, 7) d
                     where l.partner_org_id = ?""")) {
                statement.setString(1, partner);
                statement.executeUpdate();
            }
            // written behind the service's back: its stored statuses are for another data set, so the day is stored again
            try (var statement = db.createStatement()) {
                statement.execute("delete from customer_status_day");
            }
            db.commit();
            // outside a transaction: an open one would keep its locks on every table, and the service's refresh analyzes one
            db.setAutoCommit(true);
            try (var statement = db.createStatement()) {
                statement.execute("analyze");
            }
            awaitStoredStatuses(db);
        }
    }

    /**
     * Waits (polling) until customers-service has stored every customer's statuses for today again (its refresh runs
     * every minute): until then reads compute them live, which is not what a benchmark of a normal day measures.
     */
    static void awaitStoredStatuses(Connection db) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (true) {
            try (var statement = db.createStatement();
                 var rows = statement.executeQuery("select count(*) from customer_status_day")) {
                rows.next();
                if (rows.getLong(1) == 1) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("customers-service did not store the customer statuses within 5 minutes");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

}
