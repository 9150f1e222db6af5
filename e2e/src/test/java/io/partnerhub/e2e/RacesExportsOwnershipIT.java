package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Through the gateway with real tokens: one Idempotency-Key has one effect however many requests race; the 20-tag
 * limit holds under parallel assignments; every CSV export neutralises cells a spreadsheet would run as a formula;
 * another partner's customerId is refused on support requests and, per record, on call records.
 */
class RacesExportsOwnershipIT {

    static final String FORMULA_START = "=+-@\t\r";
    static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    static SystemLauncher system;
    static RawHttp http;
    static ApiDocument document;
    static String alice;
    static String gina;
    static String orders;
    static String usage;
    final String run = Long.toString(System.nanoTime(), 36);

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        http = new RawHttp(system.gatewayUrl());
        String realm = system.keycloak().realmUrl();
        alice = KeycloakTokens.password(realm, "alice@acme.example", system.secret("PARTNERHUB_DEMO_PASSWORD"));
        gina = KeycloakTokens.password(realm, "gina@globex.example", system.secret("PARTNERHUB_DEMO_PASSWORD"));
        orders = KeycloakTokens.clientCredentials(realm, "order-integrator-acme", system.secret("PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET"));
        usage = KeycloakTokens.clientCredentials(realm, "usage-ingest-acme", system.secret("PARTNERHUB_ACME_USAGE_INGEST_SECRET"));
        RawHttp.Answer doc = http.send("GET", ApiDocument.GATEWAY_PATH + "?format=json", null, null);
        assertEquals(200, doc.status());
        document = new ApiDocument(doc.body());
    }

    @Test
    void twentyConcurrentCreatesWithOneKeyMakeOneCustomer() throws Exception {
        String name = "Race " + run;
        String body = customer(name);
        List<RawHttp.Answer> answers = parallel(20, i -> http.send("POST", "/api/v1/customers", alice, "application/json",
                HostileInputIT.bytes(body), Map.of("Idempotency-Key", "race-" + run)));
        Set<String> ids = new HashSet<>();
        int fresh = 0;
        List<Integer> statuses = new ArrayList<>();
        for (RawHttp.Answer answer : answers) {
            statuses.add(answer.status());
            ids.add(ApiDocument.parse(answer.body()).path("id").asText());
            if (!"true".equals(answer.header("Idempotent-Replayed"))) {
                fresh++;
            }
        }
        System.out.println("RacesExportsOwnershipIT idempotent creates: statuses " + statuses + ", ids " + ids);
        assertEquals(List.of(201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201), statuses);
        assertEquals(1, ids.size(), "every answer names the same customer");
        assertEquals(1, fresh, "one answer made it, the others replay it");
        JsonNode list = json(http.send("GET", "/api/v1/customers?q=" + HostileInputIT.encode(name) + "&limit=500", alice, null), 200);
        assertEquals(1, list.path("items").size(), "one customer with the name: " + list);
        assertEquals(ids.iterator().next(), list.path("items").get(0).path("id").asText());
    }

    @Test
    void twentyParallelTagAssignmentsKeepACustomerAtTwentyTags() throws Exception {
        String customer = json(http.send("POST", "/api/v1/customers", alice, customer("Tag race " + run)), 201)
                .path("id").asText();
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            tags.add(json(http.send("POST", "/api/v1/tags", alice, Json.object().put("name", "race-" + run + "-" + i).put("color", "#0A0B0C").toString()), 201)
                    .path("id").asText());
        }
        for (String tag : tags.subList(0, 5)) { // five tags already, twenty more in parallel: fifteen fit
            assertEquals(204, http.send("PUT", "/api/v1/customers/" + customer + "/tags/" + tag, alice, null).status());
        }
        List<String> racing = tags.subList(5, 25);
        List<RawHttp.Answer> answers = parallel(20, i -> http.send("PUT", "/api/v1/customers/" + customer + "/tags/" + racing.get(i), alice, null));
        Set<String> assigned = new TreeSet<>(tags.subList(0, 5));
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < answers.size(); i++) {
            statuses.merge(answers.get(i).status(), 1, Integer::sum);
            if (answers.get(i).status() == 204) {
                assigned.add(racing.get(i));
            } else {
                assertEquals("application/problem+json", answers.get(i).mediaType(), answers.get(i).body());
            }
        }
        System.out.println("RacesExportsOwnershipIT tag assignments: " + statuses);
        assertEquals(Map.of(204, 15, 409, 5), statuses);
        Set<String> readBack = new TreeSet<>();
        json(http.send("GET", "/api/v1/customers/" + customer, alice, null), 200).path("tags").forEach(t -> readBack.add(t.path("id").asText()));
        assertEquals(20, readBack.size());
        assertEquals(assigned, readBack, "the tags read back are exactly those whose assignment answered 204");
    }

    @Test
    void aForeignCustomerIdIsRefusedOnSupportRequestsAndPerCallRecord() {
        String globexCustomer = json(http.send("POST", "/api/v1/customers", gina, customer("Globex owned " + run)), 201)
                .path("id").asText();
        String acmeCustomer = json(http.send("POST", "/api/v1/customers", alice, customer("Acme owned " + run)), 201)
                .path("id").asText();

        String subject = "Foreign " + run;
        RawHttp.Answer refused = http.send("POST", "/api/v1/support/requests", alice,
                Json.object().put("subject", subject).put("description", "about another partner's customer")
                        .put("customerId", globexCustomer).toString());
        assertEquals(404, refused.status(), refused.body());
        assertEquals("application/problem+json", refused.mediaType());
        for (String token : List.of(alice, gina)) {
            JsonNode list = json(http.send("GET", "/api/v1/support/requests?limit=500", token, null), 200);
            for (JsonNode item : list.path("items")) {
                assertTrue(!subject.equals(item.path("subject").asText()), "nothing opened: " + item);
            }
        }

        String start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        String records = Json.array().add(cdr("own-a-" + run, acmeCustomer, start)).add(cdr("foreign-" + run, globexCustomer, start))
                .add(cdr("own-b-" + run, acmeCustomer, start)).toString();
        JsonNode result = json(http.send("POST", "/api/v1/calling/records", usage, records), 200);
        assertEquals(2, result.path("accepted").asInt(), result.toString());
        assertEquals(1, result.path("rejected").size(), result.toString());
        assertEquals(1, result.path("rejected").get(0).path("index").asInt(), result.toString());
        assertTrue(result.path("rejected").get(0).path("errors").size() > 0, "the rejection says why: " + result);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> calls(alice, acmeCustomer) == 2);
        assertEquals(0, calls(alice, globexCustomer), "acme's figures have no call of globex's customer");
        assertEquals(0, calls(gina, globexCustomer), "globex's customer got no call from acme's ingest");
    }

    /** The customer's calls this week in the calling usage read of the caller; 0 when it is not listed. */
    static int calls(String token, String customer) {
        String cursor = null;
        do {
            JsonNode page = json(http.send("GET", "/api/v1/calling/usage/customers?week=current&limit=500"
                    + (cursor == null ? "" : "&cursor=" + HostileInputIT.encode(cursor)), token, null), 200);
            for (JsonNode item : page.path("items")) {
                if (customer.equals(item.path("customerId").asText())) {
                    return item.path("calls").asInt();
                }
            }
            cursor = page.path("nextCursor").textValue();
        } while (cursor != null);
        return 0;
    }

    static ObjectNode cdr(String callId, String customer, String start) {
        ObjectNode cdr = Json.object().put("callId", callId).put("customerId", customer).put("userId", UUID.randomUUID().toString())
                .put("startTime", start).put("durationSeconds", 90).put("direction", "OUTBOUND").put("endpointType", "IP_PHONE")
                .put("mos", new BigDecimal("4.1"));
        cdr.putArray("features").add("TRANSFER");
        cdr.putObject("queue").put("queueId", "queue-" + callId).put("outcome", "ANSWERED").put("waitSeconds", 5);
        return cdr;
    }

    static String customer(String name) {
        return Json.object().put("name", name).put("managedBy", "PARTNER").toString();
    }

    @Test
    void everyCsvExportNeutralisesFormulas() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        List<String> names = List.of("=HYPERLINK(\"http://x\",\"y\") " + run, "+1 " + run, "-1+2 " + run, "@SUM(A1) " + run,
                "\tTab " + run, "\rCR " + run);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            customers.add(json(http.send("POST", "/api/v1/customers", alice, Json.object().put("name", names.get(i))
                    .put("externalId", "-X" + i + run).put("managedBy", "PARTNER").toString()), 201).path("id").asText());
        }
        String customer = customers.get(0);
        String tag = json(http.send("POST", "/api/v1/tags", alice, Json.object().put("name", "=cmd|' /C calc'!A0 " + run)
                .put("color", "#0F0F0F").put("description", "@SUM(A1)").toString()), 201).path("id").asText();
        String tag2 = json(http.send("POST", "/api/v1/tags", alice, Json.object().put("name", "+tag " + run)
                .put("color", "#0F0F0F").put("description", "\tdescription").toString()), 201).path("id").asText();
        assertEquals(204, http.send("PUT", "/api/v1/customers/" + customer + "/tags/" + tag, alice, null).status());
        assertEquals(204, http.send("PUT", "/api/v1/customers/" + customer + "/tags/" + tag2, alice, null).status());
        String request = json(http.send("POST", "/api/v1/support/requests", alice, Json.object().put("subject", "-1+2 subject " + run)
                .put("description", "=1+1").put("customerId", customer).toString()), 201).path("id").asText();
        String subscription = "CSV-SUB-" + run;
        ObjectNode order = Json.object().put("ccwOrderId", "CSV-ORD-" + run).put("customerId", customer)
                .put("subscriptionId", subscription).put("startDate", today).put("termMonths", 12).put("autoRenew", false);
        order.putArray("lines")
                .add(Json.object().put("product", "MEETINGS").put("sku", "@sku-" + run).put("quantity", 10))
                .add(Json.object().put("product", "CALLING").put("sku", "=sku-" + run).put("quantity", 5));
        json(http.send("POST", "/api/v1/orders", orders, order.toString()), 201);
        json(http.send("POST", "/api/v1/subscriptions/" + subscription + "/invoices", alice, HostileInputIT.invoice("=INV-" + run, today)), 201);
        String start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        ArrayNode records = Json.array();
        for (int i = 0; i < customers.size(); i++) {
            records.add(cdr("csv-" + i + "-" + run, customers.get(i), start));
        }
        assertEquals(customers.size(), json(http.send("POST", "/api/v1/calling/records", usage, records.toString()), 200).path("accepted").asInt());
        String admin = HostileInputIT.directoryId(http, alice, "rita@acme.example");
        String displayName = json(http.send("GET", "/api/v1/admins/" + admin, alice, null), 200).path("displayName").asText();
        json(http.send("PATCH", "/api/v1/admins/" + admin, alice, Json.object().put("displayName", "=HYPERLINK(\"http://x\",\"rita\")").toString()), 200);
        assertEquals(204, http.send("PUT", "/api/v1/customers/" + customer + "/admins/" + admin, alice, null).status());
        try {
            // what each text was stored as (a name may be trimmed): the cell must be that text, neutralised
            Map<String, List<String>> expected = new LinkedHashMap<>();
            List<String> storedNames = new ArrayList<>();
            for (String id : customers) {
                storedNames.add(json(http.send("GET", "/api/v1/customers/" + id, alice, null), 200).path("name").asText());
            }
            expected.put("GET /api/v1/customers", neutral(storedNames));
            expected.put("GET /api/v1/tags", neutral(List.of("=cmd|' /C calc'!A0 " + run, "@SUM(A1)", "+tag " + run, "\tdescription")));
            expected.put("GET /api/v1/admins", neutral(List.of("=HYPERLINK(\"http://x\",\"rita\")")));
            expected.put("GET /api/v1/customers/{id}/admins", neutral(List.of("=HYPERLINK(\"http://x\",\"rita\")")));
            expected.put("GET /api/v1/support/requests", neutral(List.of("-1+2 subject " + run)));
            expected.put("GET /api/v1/subscriptions/{subscriptionId}/invoices", neutral(List.of("=INV-" + run)));
            expected.put("GET /api/v1/calling/usage/customers", neutral(storedNames));
            expected.put("GET /api/v1/calling/quality/customers", neutral(storedNames));
            expected.put("GET /api/v1/calling/queues", neutral(storedNames));
            expected.put("GET /api/v1/analytics/recently-added", neutral(List.of(storedNames.get(0))));

            Map<String, String> ids = Map.of("id", customer, "customerId", customer, "subscriptionId", subscription, "tagId", tag, "adminId", admin);
            List<String> exports = new ArrayList<>();
            for (ApiDocument.Operation op : document.operations()) {
                if (op.method().equals("get") && op.response("200").path("content").has("text/csv")) {
                    exports.add(op.key());
                }
            }
            assertTrue(exports.containsAll(expected.keySet()), "exports of the document: " + exports);
            Map<String, Integer> rowsPerExport = new TreeMap<>();
            List<String> wrong = new ArrayList<>();
            for (ApiDocument.Operation op : document.operations()) {
                if (!exports.contains(op.key())) {
                    continue;
                }
                String path = op.path();
                for (Map.Entry<String, String> id : ids.entrySet()) {
                    path = path.replace("{" + id.getKey() + "}", id.getValue());
                }
                String query = "?limit=500" + (op.path().startsWith("/api/v1/calling/") ? "&week=current" : "")
                        + (op.path().startsWith("/api/v1/analytics/") && !op.path().endsWith("/kpis") ? "&product=MEETINGS" : "");
                if (op.parameters().stream().noneMatch(p -> "limit".equals(p.path("name").asText()))) {
                    query = query.replace("?limit=500&", "?").replace("?limit=500", "");
                }
                String url = path + query;
                List<String> wanted = expected.getOrDefault(op.key(), List.of());
                // projections (calling, analytics) learn names and records from events: wait for the wanted cells
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> cells(csv(url)).containsAll(wanted));
                List<List<String>> rows = csv(url);
                rowsPerExport.put(op.key(), rows.size());
                for (List<String> row : rows) {
                    for (String cell : row) {
                        if (!cell.isEmpty() && FORMULA_START.indexOf(cell.charAt(0)) >= 0 && !NUMBER.matcher(cell).matches()) {
                            wrong.add(op.key() + ": cell " + HostileInputIT.abbreviate(cell) + " would run as a formula");
                        }
                    }
                }
            }
            System.out.println("RacesExportsOwnershipIT CSV exports (rows incl. header): " + rowsPerExport);
            assertEquals(List.of(), wrong);
            assertEquals(new TreeSet<>(exports), rowsPerExport.keySet());
        } finally {
            json(http.send("PATCH", "/api/v1/admins/" + admin, alice, Json.object().put("displayName", displayName).toString()), 200);
        }
    }

    static List<String> neutral(List<String> texts) {
        List<String> cells = new ArrayList<>();
        for (String text : texts) {
            cells.add(!text.isEmpty() && FORMULA_START.indexOf(text.charAt(0)) >= 0 ? "'" + text : text);
        }
        return cells;
    }

    static Set<String> cells(List<List<String>> rows) {
        Set<String> cells = new HashSet<>();
        rows.forEach(cells::addAll);
        return cells;
    }

    static List<List<String>> csv(String url) {
        RawHttp.Answer answer = http.send("GET", url, alice, null, null, Map.of("Accept", "text/csv"));
        assertEquals(200, answer.status(), url + ": " + answer.body());
        assertEquals("text/csv", answer.mediaType(), url);
        return parseCsv(answer.body());
    }

    /** RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    static JsonNode json(RawHttp.Answer answer, int status) {
        assertEquals(status, answer.status(), answer.body());
        return ApiDocument.parse(answer.body());
    }

    interface Call {
        RawHttp.Answer call(int index) throws Exception;
    }

    /** n calls released at the same moment from n threads; the answers in call order. */
    static List<RawHttp.Answer> parallel(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RawHttp.Answer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<RawHttp.Answer> task = () -> {
                    ready.countDown();
                    go.await();
                    return call.call(index);
                };
                futures.add(pool.submit(task));
            }
            ready.await();
            go.countDown();
            List<RawHttp.Answer> answers = new ArrayList<>();
            for (Future<RawHttp.Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
