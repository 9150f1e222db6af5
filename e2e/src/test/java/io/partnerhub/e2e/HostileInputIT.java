package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile-input suite: every write and filter operation of the gateway's OpenAPI document gets requests generated
 * from its schema (deterministic, seeded): malformed, truncated and oversized bodies, trailing garbage, wrong content
 * types and shapes, deep nesting, wrong types, nulls, huge and out-of-range numbers, over-long strings, unicode edge
 * cases (raw lone surrogates, overlong UTF-8, NUL, RTL override, emoji, combining marks), injection strings (SQL, JSON,
 * HTML, LDAP, path, template, formula) in every string field and query parameter, unknown enum values, ids of the wrong
 * shape, unknown ids and ids of the other partner. Real Keycloak tokens, through the gateway.
 *
 * <p>Phase 1 sends only requests that carry at least one invalid element: each must be refused (4xx problem+json; a
 * batch may answer 200 with nothing accepted), and every read of both partners (every GET of the document, as acme's
 * full admin and as globex's) answers exactly the same before and after. Phase 2 sends valid requests whose strings
 * are hostile but legal (a customer may be called {@code ' OR '1'='1}): never 5xx, a stored string reads back as sent,
 * and globex's reads are still exactly the same. Every answer of both phases: no 5xx, no stack trace, class name or
 * SQL text.
 */
class HostileInputIT {

    static final long SEED = 14L;

    /** Strings that are legal text but hostile to a careless SQL, JSON, HTML, LDAP, path, template or CSV layer. */
    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1",
            "'; DROP TABLE customer; --",
            "\" OR \"\"=\"",
            "1) UNION SELECT NULL, version() --",
            "%' AND 1=0 UNION SELECT table_name FROM information_schema.tables --",
            "{\"$ne\": null}",
            "\"},\"role\":\"partner-full-admin\",\"x\":{\"",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "*)(uid=*))(|(uid=*",
            "../../../../etc/passwd",
            "..%2F..%2F..%2Fetc%2Fpasswd",
            "${jndi:ldap://127.0.0.1:1/a}",
            "#{7*7}{{7*7}}%s%n",
            "=HYPERLINK(\"http://x\",\"y\")",
            "%",
            "_",
            "\\");

    /** Unicode edge cases that are valid text: they must be stored and answered exactly. */
    static final List<String> UNICODE = List.of(
            "abc\u202Edcba",                 // right-to-left override
            "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66", // family emoji (ZWJ sequence)
            "e\u0301\u0301\u0301\u0301 Zalgo",        // combining marks
            "zero\u200Bwidth\uFEFF",
            "\u0130stanbul \u00DF \u03A3",
            "\uFFFD\uFFFF");

    /** Unicode that is not valid text: a NUL, a lone surrogate escaped in JSON. */
    static final List<String> BAD_UNICODE = List.of("a\u0000b", "x\uD800y", "\uDC00");

    /** Raw UTF-8 that is not UTF-8 (placed inside a JSON string as bytes): a surrogate encoded, an overlong '/', a stray continuation byte. */
    static final List<byte[]> RAW_BYTES = List.of(
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});

    /** Path ids that are not of the shape of any id (percent-encoded as they go on the wire). */
    static final List<String> WRONG_ID_SHAPES = List.of(
            "not-a-uuid", "0", "-1", "00000000-0000-0000-0000-00000000000g", "12345678-1234-1234-1234-1234567890123",
            "%27%20OR%20%271%27%3D%271", "..%2F..%2Fpartner", "%00", "%E2%80%AEabc", "%F0%9F%98%80",
            "%ED%A0%80", "%C0%AF", "%25", "null", "x".repeat(300), "1e400", "%7B%22%24ne%22%3Anull%7D");

    /** Raw bytes a JSON parser must refuse (a stray continuation byte, a start byte no UTF-8 has). */
    static final Set<Integer> REFUSED_RAW = Set.of(2, 3);

    static final Pattern LEAK = Pattern.compile(
            "(?m)(^\\s*at [\\w$.]+\\(|\\tat [\\w$.]+|\\bio\\.partnerhub\\.|\\bjava\\.[a-z]|\\bjavax\\.|\\bjakarta\\.|"
                    + "\\borg\\.hibernate|\\borg\\.postgresql|\\bcom\\.fasterxml|\\bio\\.vertx\\.|\\bio\\.quarkus\\.|"
                    + "\\bio\\.smallrye\\.|\\borg\\.jboss|SELECT |INSERT |UPDATE \\w+ SET|DELETE FROM|ERROR: |SQLSTATE|"
                    + "Exception|\\bStackTrace|\\bat line \\d+|Caused by)");

    static SystemLauncher system;
    static ApiDocument document;
    static RawHttp http;
    static Side acme;
    static Side globex;

    /** One partner: its tokens and the resources the requests aim at. */
    static final class Side {
        final String user;
        final String readOnlyUser;
        final String ordersClient;
        final String ordersSecret;
        final String usageClient;
        final String usageSecret;
        final Map<String, String> tokens = new LinkedHashMap<>();
        Instant tokensAt = Instant.EPOCH;
        String customer;
        String tag;
        String admin;
        String supportRequest;
        String subscription;
        String invoice;
        String trial;

        Side(String user, String readOnlyUser, String ordersClient, String ordersSecret, String usageClient, String usageSecret) {
            this.user = user;
            this.readOnlyUser = readOnlyUser;
            this.ordersClient = ordersClient;
            this.ordersSecret = ordersSecret;
            this.usageClient = usageClient;
            this.usageSecret = usageSecret;
        }

        /** "full", "orders" or "usage"; fetched again after two minutes (access tokens are short-lived). */
        synchronized String token(String role) {
            if (Duration.between(tokensAt, Instant.now()).toSeconds() > 120) {
                try {
                    String realm = system.keycloak().realmUrl();
                    tokens.put("full", KeycloakTokens.password(realm, user, system.secret("PARTNERHUB_DEMO_PASSWORD")));
                    tokens.put("orders", KeycloakTokens.clientCredentials(realm, ordersClient, system.secret(ordersSecret)));
                    tokens.put("usage", KeycloakTokens.clientCredentials(realm, usageClient, system.secret(usageSecret)));
                } catch (Exception e) {
                    throw new IllegalStateException("no token", e);
                }
                tokensAt = Instant.now();
            }
            return tokens.get(role);
        }

        /** The id this partner's fixture has for a path parameter of {@code path}. */
        String id(String path, String parameter) {
            switch (parameter) {
                case "customerId": return customer;
                case "tagId": return tag;
                case "adminId": return admin;
                case "subscriptionId": return subscription;
                case "invoiceId": return invoice;
                case "trialId": return trial;
                default:
                    if (path.startsWith("/api/v1/customers/")) {
                        return customer;
                    }
                    if (path.startsWith("/api/v1/tags/")) {
                        return tag;
                    }
                    if (path.startsWith("/api/v1/admins/")) {
                        return admin;
                    }
                    if (path.startsWith("/api/v1/support/requests/")) {
                        return supportRequest;
                    }
                    throw new IllegalStateException("no fixture for {" + parameter + "} of " + path);
            }
        }
    }

    /** One generated request. {@code strict}: it carries an invalid element and must be refused. */
    record Variant(String operation, String category, boolean strict, String method, String path, String query,
                   String contentType, byte[] body, String role, Map<String, String> headers, List<String> echoes,
                   String field, String roundTrip) {
    }

    /** A value for a field: a JSON value, a raw JSON text (not a valid JSON value of its own: 1e400, NaN), raw bytes inside a string, or absent. */
    record Value(JsonNode json, String raw, byte[] bytes, boolean missing) {
        static Value of(JsonNode json) {
            return new Value(json, null, null, false);
        }

        static Value of(String text) {
            return of(JsonNodeFactory.instance.textNode(text));
        }

        static Value of(long number) {
            return of(JsonNodeFactory.instance.numberNode(number));
        }

        static Value raw(String raw) {
            return new Value(null, raw, null, false);
        }

        static Value bytes(byte[] bytes) {
            return new Value(null, null, bytes, false);
        }

        static final Value MISSING = new Value(null, null, null, true);
        static final Value NULL = of(JsonNodeFactory.instance.nullNode());
    }

    // the report
    final Map<String, Integer> perOperation = new TreeMap<>();
    final Map<String, Integer> perCategory = new TreeMap<>();
    final Map<String, Integer> perStatus = new TreeMap<>();
    final List<String> wrong = new ArrayList<>();
    final AtomicInteger counter = new AtomicInteger();
    final Random random = new Random(SEED);
    final String run = Long.toString(System.nanoTime(), 36);

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        http = new RawHttp(system.gatewayUrl());
        RawHttp.Answer doc = http.send("GET", ApiDocument.GATEWAY_PATH + "?format=json", null, null);
        assertEquals(200, doc.status(), "the gateway's OpenAPI document");
        document = new ApiDocument(doc.body());
        acme = new Side("alice@acme.example", "rita@acme.example", "order-integrator-acme", "PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET",
                "usage-ingest-acme", "PARTNERHUB_ACME_USAGE_INGEST_SECRET");
        globex = new Side("gina@globex.example", "gwen@globex.example", "order-integrator-globex", "PARTNERHUB_GLOBEX_ORDER_INTEGRATOR_SECRET",
                "usage-ingest-globex", "PARTNERHUB_GLOBEX_USAGE_INGEST_SECRET");
        fixtures(acme, "acme");
        fixtures(globex, "globex");
    }

    /** A customer, tag, support request, subscription, invoice and trial of the partner, made through the API. */
    static void fixtures(Side side, String name) {
        String run = name + "-" + Long.toString(System.nanoTime(), 36);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        side.customer = created(http.send("POST", "/api/v1/customers", side.token("full"),
                Json.object().put("name", "Hostile " + run).put("externalId", "H-" + run).put("managedBy", "PARTNER").toString()), 201).path("id").asText();
        side.tag = created(http.send("POST", "/api/v1/tags", side.token("full"),
                Json.object().put("name", "h-" + run).put("color", "#102030").put("description", "hostile").toString()), 201).path("id").asText();
        side.supportRequest = created(http.send("POST", "/api/v1/support/requests", side.token("full"),
                Json.object().put("subject", "Hostile " + run).put("description", "fixture").put("customerId", side.customer).toString()), 201).path("id").asText();
        side.subscription = "H-SUB-" + run;
        created(http.send("POST", "/api/v1/orders", side.token("orders"), order("H-ORD-" + run, side.customer, side.subscription, today)), 201);
        side.invoice = created(http.send("POST", "/api/v1/subscriptions/" + side.subscription + "/invoices", side.token("full"),
                invoice("H-INV-" + run, today)), 201)
                .path("invoiceId").asText();
        // the trial needs subscriptions-service to know the customer (partnerhub.customers.v1)
        AtomicReference<String> trial = new AtomicReference<>();
        String trialCustomer = created(http.send("POST", "/api/v1/customers", side.token("full"),
                Json.object().put("name", "Hostile trial " + run).put("managedBy", "PARTNER").toString()), 201).path("id").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            RawHttp.Answer answer = http.send("POST", "/api/v1/customers/" + trialCustomer + "/trials", side.token("full"),
                    "{\"products\":[\"MEETINGS\"],\"licenses\":10,\"durationDays\":30}");
            if (answer.status() == 201) {
                trial.set(ApiDocument.parse(answer.body()).path("subscriptionId").asText());
            }
            return answer.status() == 201;
        });
        side.trial = trial.get();
        side.admin = directoryId(http, side.token("full"), side.readOnlyUser);
    }

    /** The admin id of a user of the realm, once the partner's directory has it (it learns admins from their sign-ins). */
    static String directoryId(RawHttp http, String fullAdminToken, String user) {
        String token;
        try {
            SystemLauncher running = RunningSystem.get();
            token = KeycloakTokens.password(running.keycloak().realmUrl(), user, running.secret("PARTNERHUB_DEMO_PASSWORD"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertEquals(200, http.send("GET", "/api/v1/partner", token, null).status());
        AtomicReference<String> id = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (JsonNode admin : created(http.send("GET", "/api/v1/admins?limit=500", fullAdminToken, null), 200).path("items")) {
                if (user.equals(admin.path("email").asText())) {
                    id.set(admin.path("id").asText());
                }
            }
            return id.get() != null;
        });
        return id.get();
    }

    static JsonNode created(RawHttp.Answer answer, int status) {
        assertEquals(status, answer.status(), answer.body());
        return ApiDocument.parse(answer.body());
    }

    static String order(String ccwOrderId, String customer, String subscription, String startDate) {
        ObjectNode order = Json.object().put("ccwOrderId", ccwOrderId).put("revision", 1).put("customerId", customer)
                .put("subscriptionId", subscription).put("startDate", startDate).put("termMonths", 12).put("autoRenew", true);
        order.putArray("lines").addObject().put("product", "MEETINGS").put("sku", "A-MEET").put("quantity", 10);
        return order.toString();
    }

    /** A month's invoice of 10.00 EUR from {@code today}, due in 30 days. */
    static String invoice(String number, String today) {
        LocalDate start = LocalDate.parse(today);
        return Json.object().put("number", number).put("periodStart", today).put("periodEnd", start.plusMonths(1).toString())
                .put("amount", new BigDecimal("10.00")).put("currency", "EUR").put("dueDate", start.plusDays(30).toString()).toString();
    }

    /** A valid body of each operation that takes one, for the caller's own fixtures; {@code n} makes it unique. */
    String base(ApiDocument.Operation op, Side side, int n) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String u = run + "-" + n;
        switch (op.key()) {
            case "POST /api/v1/partner/setup": return "{\"acceptTerms\":true}";
            case "POST /api/v1/admins": return Json.object().put("id", "hx-" + u).put("email", "hx-" + u + "@acme.example")
                    .put("displayName", "Hostile " + u).put("role", "partner-read-only-admin").toString();
            case "PATCH /api/v1/admins/{id}": return "{\"displayName\":\"Rita Read-Only\"}";
            case "POST /api/v1/support/requests": return Json.object().put("subject", "Hostile " + u).put("description", "hostile input")
                    .put("product", "MEETINGS").put("customerId", side.customer).toString();
            case "PATCH /api/v1/support/requests/{id}": return "{\"status\":\"IN_PROGRESS\"}";
            case "POST /api/v1/customers": return Json.object().put("name", "Hostile " + u).put("externalId", "HX-" + u)
                    .put("managedBy", "PARTNER").toString();
            case "PATCH /api/v1/customers/{id}": return Json.object().put("name", "Hostile " + u).put("managedBy", "EXTERNAL").toString();
            case "POST /api/v1/tags": return Json.object().put("name", "hx-" + u).put("color", "#123456").put("description", "hostile")
                    .toString();
            case "PATCH /api/v1/tags/{id}": return Json.object().put("name", "hx-" + u).put("color", "#654321").put("description", "hostile")
                    .toString();
            case "POST /api/v1/admin-activity": return Json.array().add(Json.object().put("customerId", side.customer)
                    .put("at", Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString())).toString();
            case "POST /api/v1/orders": return order("HX-ORD-" + u, side.customer, "HX-SUB-" + u, today);
            case "POST /api/v1/orders/batch":
                return Json.array().add(Json.read(order("HX-ORD-" + u, side.customer, "HX-SUB-" + u, today))).toString();
            case "POST /api/v1/subscriptions/{subscriptionId}/invoices": return invoice("HX-INV-" + u, today);
            case "POST /api/v1/invoices/{invoiceId}/payments": return "{\"amount\":1.00}";
            case "POST /api/v1/license-usage": return Json.array().add(Json.object().put("subscriptionId", side.subscription)
                    .put("product", "MEETINGS").put("date", today).put("assigned", 5).put("used", 3)).toString();
            case "POST /api/v1/customers/{customerId}/trials": return "{\"products\":[\"MEETINGS\"],\"licenses\":10,\"durationDays\":30}";
            case "POST /api/v1/trials/{trialId}/extend": return "{\"days\":10}";
            case "POST /api/v1/trials/{trialId}/convert": return Json.object().put("termMonths", 12).put("autoRenew", true)
                    .put("subscriptionId", "HX-CONV-" + u).toString();
            case "POST /api/v1/calling/records": {
                ObjectNode call = Json.object().put("callId", "hx-" + u).put("customerId", side.customer)
                        .put("userId", new UUID(SEED, n).toString())
                        .put("startTime", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString())
                        .put("durationSeconds", 60).put("direction", "OUTBOUND").put("endpointType", "IP_PHONE")
                        .put("mos", new BigDecimal("4.2")).put("packetLossPct", new BigDecimal("0.5")).put("jitterMs", 3).put("latencyMs", 40);
                call.putArray("features").add("TRANSFER");
                call.putObject("queue").put("queueId", "q-" + u).put("outcome", "ANSWERED").put("waitSeconds", 12);
                return Json.array().add(call).toString();
            }
            default: return null;
        }
    }

    @Test
    void hostileRequestsAreRefusedCleanlyAndChangeNothing() {
        List<ApiDocument.Operation> operations = document.operations();
        Set<String> uncovered = new TreeSet<>();
        for (ApiDocument.Operation op : operations) {
            if (op.hasBody() && base(op, acme, 0) == null) {
                uncovered.add(op.key());
            }
        }
        assertEquals(Set.of(), uncovered, "operations with a request body the suite has no valid base body for");

        // phase 1: every request carries an invalid element
        List<Variant> refused = new ArrayList<>();
        List<Variant> legal = new ArrayList<>();
        for (ApiDocument.Operation op : operations) {
            generate(op, refused, legal);
        }
        Map<String, String> acmeBefore = settled(acme);
        Map<String, String> globexBefore = settled(globex);
        long started = System.nanoTime();
        for (Variant variant : refused) {
            check(variant, send(variant));
        }
        long phase1 = System.nanoTime() - started;
        Map<String, String> acmeAfter = settled(acme);
        Map<String, String> globexAfter = settled(globex);
        wrong.addAll(differences("acme after phase 1", acmeBefore, acmeAfter));
        wrong.addAll(differences("globex after phase 1", globexBefore, globexAfter));

        // phase 2: valid requests with hostile but legal strings
        String displayName = created(http.send("GET", "/api/v1/admins/" + acme.admin, acme.token("full"), null), 200).path("displayName").asText();
        String partnerName = created(http.send("GET", "/api/v1/partner", acme.token("full"), null), 200).path("name").textValue();
        started = System.nanoTime();
        for (Variant variant : legal) {
            check(variant, send(variant));
        }
        long phase2 = System.nanoTime() - started;
        // what phase 2 renamed and other tests may show: the read-only admin's name, the partner's name
        created(http.send("PATCH", "/api/v1/admins/" + acme.admin, acme.token("full"),
                Json.object().put("displayName", displayName).toString()), 200);
        if (partnerName != null) {
            created(http.send("POST", "/api/v1/partner/setup", acme.token("full"),
                    Json.object().put("acceptTerms", true).put("name", partnerName).toString()), 200);
        }
        wrong.addAll(differences("globex after phase 2", globexAfter, settled(globex)));

        int total = perStatus.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("HostileInputIT: %d requests (phase 1: %d refused-by-design in %d ms, phase 2: %d legal-hostile in %d ms)%n",
                total, refused.size(), phase1 / 1_000_000, legal.size(), phase2 / 1_000_000);
        System.out.println("HostileInputIT per status: " + perStatus);
        System.out.println("HostileInputIT per category: " + perCategory);
        System.out.println("HostileInputIT per operation: " + perOperation);
        System.out.println("HostileInputIT violations: " + wrong.size());
        wrong.stream().limit(200).forEach(w -> System.out.println("  VIOLATION " + w));
        assertTrue(total >= 1000, "at least 1,000 hostile requests, sent " + total);
        assertEquals(List.of(), wrong);
    }

    // ------------------------------------------------------------------ generation

    void generate(ApiDocument.Operation op, List<Variant> refused, List<Variant> legal) {
        String role = role(op);
        if (role == null) {
            return;
        }
        List<String> pathParameters = new ArrayList<>();
        java.util.regex.Matcher m = Pattern.compile("\\{([^}]+)}").matcher(op.path());
        while (m.find()) {
            pathParameters.add(m.group(1));
        }
        Map<String, String> baseQuery = baseQuery(op);
        String body = op.hasBody() ? base(op, acme, counter.incrementAndGet()) : null;
        boolean isGet = op.method().equals("get");
        String ownPath = fill(op.path(), acme, null, null);

        // ids in the path: wrong shape, unknown, the other partner's
        for (String parameter : pathParameters) {
            List<String[]> ids = new ArrayList<>();
            for (String shape : WRONG_ID_SHAPES) {
                ids.add(new String[] {"id-shape", shape});
            }
            ids.add(new String[] {"unknown-id", parameter.equals("subscriptionId") || parameter.equals("trialId")
                    ? "SUB-UNKNOWN-" + new UUID(SEED, random.nextLong()) : new UUID(random.nextLong(), random.nextLong()).toString()});
            ids.add(new String[] {"foreign-id", globex.id(op.path(), parameter)});
            // removing an assignment that is not there (DELETE /customers/{id}/tags/{tagId}, …/admins/{adminId}) may
            // answer 204 whatever the second id is: nothing is removed (the reads after phase 1 prove it) and an
            // unknown and another partner's id answer alike, so nothing leaks
            boolean idempotentRemoval = op.method().equals("delete") && pathParameters.size() == 2 && parameter.equals(pathParameters.get(1));
            for (String[] id : ids) {
                String path = fill(op.path(), acme, parameter, id[1]);
                String b = op.hasBody() ? base(op, acme, counter.incrementAndGet()) : null;
                refused.add(new Variant(op.key(), id[0], !idempotentRemoval, op.method().toUpperCase(), path, query(baseQuery),
                        b == null ? null : "application/json", bytes(b), role, Map.of(), List.of(id[1]), parameter, null));
            }
        }

        // query parameters
        for (JsonNode parameter : op.parameters()) {
            if (!"query".equals(parameter.path("in").asText())) {
                continue;
            }
            String name = parameter.path("name").asText();
            JsonNode schema = resolve(parameter.path("schema"));
            JsonNode itemSchema = "array".equals(type(schema)) ? resolve(schema.path("items")) : schema;
            List<String[]> values = new ArrayList<>(); // category, value, strict
            boolean typed = !"string".equals(type(itemSchema));
            for (String s : INJECTIONS) {
                values.add(new String[] {"injection", s, Boolean.toString(typed || invalidString(itemSchema, s))});
            }
            for (String s : UNICODE) {
                values.add(new String[] {"unicode", s, Boolean.toString(typed || invalidString(itemSchema, s))});
            }
            for (String s : BAD_UNICODE) {
                values.add(new String[] {"unicode", s, Boolean.toString(typed || invalidString(itemSchema, s))});
            }
            values.add(new String[] {"over-long", "q".repeat(10_000), "false"});
            String t = type(itemSchema);
            if (itemSchema.has("enum") || itemSchema.has("pattern")) {
                values.add(new String[] {"unknown-enum", "BOGUS_VALUE", "true"});
                values.add(new String[] {"unknown-enum", "", "false"});
            }
            if ("integer".equals(t) || "number".equals(t)) {
                for (String s : List.of("abc", "1.5", "99999999999999999999", "-99999999999999999999", "1e400", "0x10", "NaN")) {
                    values.add(new String[] {"wrong-type", s, "true"});
                }
                if (itemSchema.has("minimum")) {
                    values.add(new String[] {"number-range", Long.toString(itemSchema.get("minimum").asLong() - 1), "true"});
                    values.add(new String[] {"number-range", "-1", Boolean.toString(itemSchema.get("minimum").asLong() >= 0)});
                }
                if (itemSchema.has("maximum")) {
                    values.add(new String[] {"number-range", Long.toString(itemSchema.get("maximum").asLong() + 1), "true"});
                }
            }
            if ("boolean".equals(t)) {
                values.add(new String[] {"wrong-type", "yes", "true"});
                values.add(new String[] {"wrong-type", "2", "true"});
            }
            if ("date".equals(itemSchema.path("format").asText())) {
                for (String s : List.of("2026-02-30", "2026-13-01", "yesterday", "99999-01-01", "2026-1-1", "2026-01-01T00:00:00Z")) {
                    values.add(new String[] {"date", s, "true"});
                }
            }
            if ("uuid".equals(itemSchema.path("format").asText())) {
                values.add(new String[] {"id-shape", "not-a-uuid", "true"});
                values.add(new String[] {"foreign-id", globex.customer, "false"});
            }
            if (name.equals("cursor")) {
                // a cursor the list did not make: refused where its keys have a type (a time, a uuid); a key of free text
                // (a subscription id) cannot be told from one the list made and may answer an empty page
                for (String s : List.of("AAAA", "eyJpZCI6IjEnIE9SICcxJz0nMSJ9", "%%%", "-1")) {
                    values.add(new String[] {"cursor", s, "false"});
                }
            }
            for (String[] v : values) {
                Map<String, String> q = new LinkedHashMap<>(baseQuery);
                q.put(name, v[1]);
                boolean strict = Boolean.parseBoolean(v[2]);
                Variant variant = new Variant(op.key(), "query-" + v[0], strict, op.method().toUpperCase(), ownPath, query(q),
                        null, null, role, Map.of(), List.of(v[1]), name, null);
                (strict || isGet ? refused : legal).add(variant);
            }
            if ("array".equals(type(schema)) && itemSchema.has("enum")) {
                Map<String, String> q = new LinkedHashMap<>(baseQuery);
                refused.add(new Variant(op.key(), "query-unknown-enum", true, "GET", ownPath,
                        query(q) + (q.isEmpty() ? "?" : "&") + name + "=" + itemSchema.get("enum").get(0).asText() + "&" + name + "=BOGUS",
                        null, null, role, Map.of(), List.of("BOGUS"), name, null));
            }
        }

        if (body == null) {
            return;
        }
        JsonNode bodySchema = resolve(op.node().path("requestBody").path("content").path("application/json").path("schema"));
        JsonNode baseJson = ApiDocument.parse(body);
        boolean array = baseJson.isArray();

        // the whole body
        List<Object[]> whole = new ArrayList<>(); // category, content type, bytes
        whole.add(new Object[] {"truncated", "application/json", bytes(body.substring(0, body.length() / 2))});
        whole.add(new Object[] {"truncated", "application/json", bytes(body.substring(0, body.length() - 1))});
        whole.add(new Object[] {"trailing-garbage", "application/json", bytes(body + " x")});
        whole.add(new Object[] {"trailing-garbage", "application/json", bytes(body + "}")});
        whole.add(new Object[] {"trailing-garbage", "application/json", bytes(body + body)});
        whole.add(new Object[] {"trailing-garbage", "application/json", bytes(body + " <!-- -->")});
        whole.add(new Object[] {"malformed", "application/json", new byte[0]});
        for (String s : List.of("{", "null", "'x'", "{,}", "NaN", "{\"a\":01}", "{\"a\":1,}", "/* c */" + body)) {
            whole.add(new Object[] {"malformed", "application/json", bytes(s)});
        }
        whole.add(new Object[] {"content-type", "text/plain", bytes(body)});
        whole.add(new Object[] {"content-type", "application/xml", bytes("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>")});
        whole.add(new Object[] {"content-type", null, bytes(body)});
        whole.add(new Object[] {"content-type", "application/x-www-form-urlencoded", bytes("name=x&managedBy=PARTNER")});
        if (array) {
            whole.add(new Object[] {"shape", "application/json", bytes(baseJson.get(0).toString())});
        } else {
            whole.add(new Object[] {"shape", "application/json", bytes("[" + body + "]")});
        }
        whole.add(new Object[] {"shape", "application/json", bytes("\"x\"")});
        whole.add(new Object[] {"shape", "application/json", bytes("42")});
        whole.add(new Object[] {"deep-nesting", "application/json", bytes("[".repeat(50_000) + "]".repeat(50_000))});
        whole.add(new Object[] {"deep-nesting", "application/json", bytes(deepField(baseJson))});
        whole.add(new Object[] {"oversized", "application/json", oversized(baseJson)});
        whole.add(new Object[] {"invalid-utf8", "application/json", invalidUtf8(body)});
        for (Object[] w : whole) {
            // a JSON body without a Content-Type is read as JSON by the services: legal, so phase 2
            boolean strict = !(w[0].equals("content-type") && w[1] == null);
            (strict ? refused : legal).add(new Variant(op.key(), (String) w[0], strict, op.method().toUpperCase(), ownPath, query(baseQuery),
                    (String) w[1], (byte[]) w[2], role, Map.of(), List.of(), null, null));
        }

        // stale or nonsense If-Match on an update
        if (op.method().equals("patch")) {
            for (String etag : List.of("\"bogus\"", "W/\"99999999\"", "' OR 1=1 --", "*x")) {
                refused.add(new Variant(op.key(), "if-match", true, "PATCH", ownPath, query(baseQuery), "application/json", bytes(body), role,
                        Map.of("If-Match", etag), List.of(etag), null, null));
            }
        }

        // every field of the body (and of its first item, and one level of nested objects)
        JsonNode itemSchema = array ? resolve(bodySchema.path("items")) : bodySchema;
        String prefix = array ? "/0" : "";
        fields(op, role, ownPath, query(baseQuery), itemSchema, prefix, 0, refused, legal);
    }

    void fields(ApiDocument.Operation op, String role, String path, String query, JsonNode schema, String pointer, int depth,
                List<Variant> refused, List<Variant> legal) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (java.util.Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            String fieldPointer = pointer + "/" + name;
            JsonNode fieldSchema = resolve(property.getValue());
            String type = type(fieldSchema);
            List<Object[]> values = new ArrayList<>(); // category, Value, strict, roundTrip
            if (required.contains(name)) {
                values.add(new Object[] {"null", Value.NULL, true, null});
                values.add(new Object[] {"missing", Value.MISSING, true, null});
            }
            switch (type) {
                case "string" -> stringValues(name, fieldSchema, required.contains(name), values);
                case "integer", "number" -> numberValues(type, fieldSchema, values);
                case "boolean" -> {
                    values.add(new Object[] {"wrong-type", Value.of("true"), true, null});
                    values.add(new Object[] {"wrong-type", Value.of(1), true, null});
                    values.add(new Object[] {"wrong-type", Value.of(JsonNodeFactory.instance.objectNode()), true, null});
                }
                case "array" -> {
                    JsonNode items = resolve(fieldSchema.path("items"));
                    values.add(new Object[] {"wrong-type", Value.of(JsonNodeFactory.instance.objectNode()), true, null});
                    values.add(new Object[] {"wrong-type", Value.of("x"), true, null});
                    values.add(new Object[] {"wrong-type", Value.of(7), true, null});
                    if (items.has("enum")) {
                        values.add(new Object[] {"unknown-enum", Value.of(JsonNodeFactory.instance.arrayNode().add("BOGUS_VALUE")), true, null});
                        values.add(new Object[] {"wrong-type", Value.of(JsonNodeFactory.instance.arrayNode().add(1)), true, null});
                        values.add(new Object[] {"null", Value.of(JsonNodeFactory.instance.arrayNode().addNull()), true, null});
                    }
                    if (fieldSchema.path("minItems").asInt(0) >= 1) {
                        values.add(new Object[] {"number-range", Value.of(JsonNodeFactory.instance.arrayNode()), true, null});
                    }
                    if (fieldSchema.has("maxItems") && items.has("enum")) {
                        ArrayNode many = JsonNodeFactory.instance.arrayNode();
                        for (int i = 0; i <= fieldSchema.get("maxItems").asInt(); i++) {
                            many.add(items.get("enum").get(i % items.get("enum").size()).asText());
                        }
                        values.add(new Object[] {"number-range", Value.of(many), true, null});
                    }
                    if ("object".equals(type(items)) && depth < 1) {
                        fields(op, role, path, query, items, fieldPointer + "/0", depth + 1, refused, legal);
                    }
                }
                case "object" -> {
                    values.add(new Object[] {"wrong-type", Value.of(JsonNodeFactory.instance.arrayNode()), true, null});
                    values.add(new Object[] {"wrong-type", Value.of("x"), true, null});
                    if (depth < 1) {
                        fields(op, role, path, query, fieldSchema, fieldPointer, depth + 1, refused, legal);
                    }
                }
                default -> { }
            }
            for (Object[] v : values) {
                String base = base(op, acme, counter.incrementAndGet());
                JsonNode baseJson = ApiDocument.parse(base);
                Value value = (Value) v[1];
                if (value.missing && !exists(baseJson, fieldPointer)
                        || !baseJson.at(fieldPointer.substring(0, fieldPointer.lastIndexOf('/'))).isObject()) {
                    continue; // an optional field the base leaves out need not be removed; no parent object, no field
                }
                byte[] rendered = render(baseJson, fieldPointer, value);
                List<String> echoes = value.json != null && value.json.isTextual() ? List.of(value.json.asText()) : List.of();
                boolean strict = (Boolean) v[2];
                Variant variant = new Variant(op.key(), (String) v[0], strict, op.method().toUpperCase(), path, query, "application/json",
                        rendered, role, Map.of(), echoes, pointer.isEmpty() || pointer.equals("/0") ? name : null, (String) v[3]);
                (strict ? refused : legal).add(variant);
            }
        }
    }

    void stringValues(String name, JsonNode schema, boolean required, List<Object[]> values) {
        values.add(new Object[] {"wrong-type", Value.of(12345), true, null});
        values.add(new Object[] {"wrong-type", Value.of(JsonNodeFactory.instance.booleanNode(true)), true, null});
        values.add(new Object[] {"wrong-type", Value.of(JsonNodeFactory.instance.objectNode()), true, null});
        values.add(new Object[] {"wrong-type", Value.of(JsonNodeFactory.instance.arrayNode().add("x")), true, null});
        String format = schema.path("format").asText();
        boolean reference = name.equals("customerId") || name.equals("subscriptionId") && schema.path("pattern").asText().isEmpty()
                || "uuid".equals(format);
        if (reference || name.endsWith("Id") && "uuid".equals(format)) {
            for (String shape : List.of("not-a-uuid", "0", "00000000-0000-0000-0000-00000000000g", "' OR '1'='1", "../" + acme.customer,
                    acme.customer + "'--", "")) {
                // an empty optional id reads as no id; a subscription id of another shape is just unknown (below)
                values.add(new Object[] {"id-shape", Value.of(shape), shape.isEmpty() ? required : !"subscriptionId".equals(name), null});
            }
            if (name.equals("customerId")) {
                values.add(new Object[] {"unknown-id", Value.of(new UUID(random.nextLong(), random.nextLong()).toString()), true, null});
                values.add(new Object[] {"foreign-id", Value.of(globex.customer), true, null});
            } else if (name.equals("subscriptionId")) {
                values.add(new Object[] {"unknown-id", Value.of("SUB-UNKNOWN-" + random.nextInt(1_000_000)), true, null});
                values.add(new Object[] {"foreign-id", Value.of(globex.subscription), true, null});
            }
            return; // other ids (a user id of a call record) are the caller's own: any id of the right shape is legal
        }
        if (schema.has("enum")) {
            values.add(new Object[] {"unknown-enum", Value.of("BOGUS_VALUE"), true, null});
            values.add(new Object[] {"unknown-enum", Value.of(schema.get("enum").get(0).asText().toLowerCase(Locale.ROOT) + " "), true, null});
        }
        if ("date".equals(format) || "date-time".equals(format)) {
            for (String s : List.of("2026-02-30", "2026-13-01", "yesterday", "99999-01-01", "2026-01-01T25:00:00Z",
                    "' OR 1=1 --", "")) {
                values.add(new Object[] {"date", Value.of(s), true, null});
            }
            values.add(new Object[] {"date", Value.of(1_700_000_000L), true, null});
            return;
        }
        int maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        if (maxLength < Integer.MAX_VALUE) {
            values.add(new Object[] {"over-long", Value.of("x".repeat(maxLength + 1)), true, null});
        }
        values.add(new Object[] {"over-long", Value.of("y".repeat(10_000)), maxLength < 10_000 || invalidString(schema, "y"), null});
        if (schema.path("minLength").asInt(0) >= 1 || schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher("").find()) {
            values.add(new Object[] {"empty", Value.of(""), true, null});
        }
        for (String s : INJECTIONS) {
            boolean invalid = invalidString(schema, s);
            values.add(new Object[] {"injection", Value.of(s), invalid, invalid ? null : s});
        }
        for (String s : UNICODE) {
            boolean invalid = invalidString(schema, s);
            values.add(new Object[] {"unicode", Value.of(s), invalid, invalid ? null : s});
        }
        for (String s : BAD_UNICODE) {
            values.add(new Object[] {"unicode", Value.of(s), invalidString(schema, s), null});
        }
        for (int i = 0; i < RAW_BYTES.size(); i++) {
            values.add(new Object[] {"unicode-raw-bytes", Value.bytes(RAW_BYTES.get(i)), REFUSED_RAW.contains(i), null});
        }
    }

    void numberValues(String type, JsonNode schema, List<Object[]> values) {
        values.add(new Object[] {"wrong-type", Value.of("12"), true, null});
        values.add(new Object[] {"wrong-type", Value.of(JsonNodeFactory.instance.booleanNode(true)), true, null});
        values.add(new Object[] {"wrong-type", Value.of(JsonNodeFactory.instance.objectNode()), true, null});
        values.add(new Object[] {"wrong-type", Value.of(JsonNodeFactory.instance.arrayNode().add(1)), true, null});
        if ("integer".equals(type)) {
            values.add(new Object[] {"wrong-type", Value.raw("1.5"), true, null});
        }
        for (String huge : List.of("123456789012345678901234567890", "-123456789012345678901234567890", "1e400", "-1e400",
                "9223372036854775808")) {
            values.add(new Object[] {"huge-number", Value.raw(huge), true, null});
        }
        if ("integer".equals(type) && !"int64".equals(schema.path("format").asText())) {
            values.add(new Object[] {"huge-number", Value.raw("2147483648"), true, null});
        }
        for (String token : List.of("NaN", "Infinity", "-Infinity", "0x10", "+1", ".5", "1e")) {
            values.add(new Object[] {"malformed-number", Value.raw(token), true, null});
        }
        if (schema.has("minimum")) {
            double min = schema.get("minimum").asDouble();
            values.add(new Object[] {"number-range", Value.raw(plain(min - 1)), true, null});
            values.add(new Object[] {"number-range", Value.raw("-1"), min >= 0, null});
        } else {
            values.add(new Object[] {"number-range", Value.raw("-1"), false, null});
        }
        if (schema.has("maximum")) {
            values.add(new Object[] {"number-range", Value.raw(plain(schema.get("maximum").asDouble() + 1)), true, null});
        }
        if (schema.has("multipleOf")) {
            values.add(new Object[] {"number-range", Value.raw("1.001"), true, null});
        }
    }

    static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** True when the string breaks the field's schema (its enum, pattern — searched, as JSON Schema does —, length or format). */
    static boolean invalidString(JsonNode schema, String s) {
        if (schema.has("enum")) {
            for (JsonNode e : schema.get("enum")) {
                if (e.asText().equals(s)) {
                    return false;
                }
            }
            return true;
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
            return true;
        }
        if (s.codePointCount(0, s.length()) > schema.path("maxLength").asInt(Integer.MAX_VALUE)) {
            return true;
        }
        if (s.codePointCount(0, s.length()) < schema.path("minLength").asInt(0)) {
            return true;
        }
        String format = schema.path("format").asText();
        return format.equals("uuid") || format.equals("date") || format.equals("date-time");
    }

    static String deepField(JsonNode base) {
        String nested = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        String text = base.toString();
        return base.isArray() ? "[" + nested + "]" : text.substring(0, text.length() - 1) + ",\"deep\":" + nested + "}";
    }

    /** The body with a string of 1.1 MiB in its first string field (for a batch: in its first item). */
    static byte[] oversized(JsonNode base) {
        JsonNode copy = base.deepCopy();
        ObjectNode target = (ObjectNode) (copy.isArray() ? copy.get(0) : copy);
        String field = null;
        for (java.util.Iterator<Map.Entry<String, JsonNode>> it = target.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
                field = e.getKey();
                break;
            }
        }
        target.put(field == null ? "padding" : field, "z".repeat(1_153_434));
        return bytes(copy.toString());
    }

    /** The body with bytes that are not UTF-8 inside its first string. */
    static byte[] invalidUtf8(String body) {
        int quote = body.indexOf("\":\"");
        byte[] text = bytes(body);
        if (quote < 0) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
            out.writeBytes(text);
            return out.toByteArray();
        }
        int at = body.substring(0, quote + 3).getBytes(StandardCharsets.UTF_8).length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(text, 0, at);
        out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        out.write(text, at, text.length - at);
        return out.toByteArray();
    }

    static boolean exists(JsonNode root, String pointer) {
        return !root.at(pointer).isMissingNode();
    }

    /** The body with the value at the pointer replaced (or removed), as bytes on the wire. */
    static byte[] render(JsonNode base, String pointer, Value value) {
        JsonNode copy = base.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1);
        String marker = "@@HOSTILE@@";
        if (parent instanceof ObjectNode object) {
            if (value.missing) {
                object.remove(name);
            } else if (value.json != null) {
                object.set(name, value.json);
            } else {
                object.put(name, marker);
            }
        } else {
            throw new IllegalStateException("no object at " + pointer);
        }
        String text = copy.toString();
        if (value.raw != null) {
            return bytes(text.replace("\"" + marker + "\"", value.raw));
        }
        if (value.bytes != null) {
            byte[] all = bytes(text);
            byte[] m = bytes(marker);
            int at = indexOf(all, m);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(all, 0, at);
            out.writeBytes(bytes("a"));
            out.writeBytes(value.bytes);
            out.writeBytes(bytes("b"));
            out.write(all, at + m.length, all.length - at - m.length);
            return out.toByteArray();
        }
        return bytes(text);
    }

    static int indexOf(byte[] all, byte[] part) {
        outer:
        for (int i = 0; i <= all.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (all[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("marker not found");
    }

    static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10; i++) {
            if (s.has("$ref")) {
                s = document.root.at(s.get("$ref").asText().substring(1));
            } else if (!s.has("type") && !s.has("properties") && (s.has("allOf") || s.has("anyOf") || s.has("oneOf"))) {
                JsonNode branches = s.has("allOf") ? s.get("allOf") : s.has("anyOf") ? s.get("anyOf") : s.get("oneOf");
                JsonNode chosen = branches.get(0);
                for (JsonNode b : branches) {
                    if (!"null".equals(b.path("type").asText())) {
                        chosen = b;
                        break;
                    }
                }
                s = chosen;
            } else {
                return s;
            }
        }
        return s;
    }

    static String type(JsonNode schema) {
        JsonNode t = schema.get("type");
        if (t != null && t.isArray()) {
            for (JsonNode x : t) {
                if (!"null".equals(x.asText())) {
                    return x.asText();
                }
            }
        }
        if (t != null) {
            return t.asText();
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return "string";
    }

    /** The token of a role the operation allows: a full admin of acme, else acme's order integrator or usage ingest. */
    static String role(ApiDocument.Operation op) {
        Set<String> roles = new HashSet<>();
        op.node().path("x-roles").forEach(r -> roles.add(r.asText()));
        if (roles.contains("partner-full-admin")) {
            return "full";
        }
        if (roles.contains("order-integrator")) {
            return "orders";
        }
        if (roles.contains("usage-ingest")) {
            return "usage";
        }
        return null;
    }

    /** Required query parameters with a valid value (the first of their enum). */
    Map<String, String> baseQuery(ApiDocument.Operation op) {
        Map<String, String> query = new LinkedHashMap<>();
        for (JsonNode parameter : op.parameters()) {
            if ("query".equals(parameter.path("in").asText()) && parameter.path("required").asBoolean(false)) {
                JsonNode schema = resolve(parameter.path("schema"));
                query.put(parameter.path("name").asText(), schema.has("enum") ? schema.get("enum").get(0).asText() : "1");
            }
        }
        return query;
    }

    static String query(Map<String, String> query) {
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : query.entrySet()) {
            q.append(q.length() == 0 ? "?" : "&").append(e.getKey()).append('=').append(encode(e.getValue()));
        }
        return q.toString();
    }

    /** Percent-encoding of the UTF-8 bytes; a lone surrogate is sent as its raw (invalid) three bytes. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)))) {
                out.append(String.format("%%%02X%%%02X%%%02X", 0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F)));
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
                out.append(URLEncoder.encode(value.substring(i, end), StandardCharsets.UTF_8).replace("+", "%20"));
                i = end - 1;
            }
        }
        return out.toString();
    }

    /** The path with the partner's fixture ids, one parameter replaced by {@code value} (already encoded). */
    static String fill(String template, Side side, String parameter, String value) {
        java.util.regex.Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String id = name.equals(parameter) ? value : side.id(template, name);
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(id));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ------------------------------------------------------------------ sending and checking

    RawHttp.Answer send(Variant v) {
        Map<String, String> headers = new LinkedHashMap<>(v.headers());
        headers.put("Accept", "application/json");
        return http.send(v.method(), v.path() + v.query(), acme.token(v.role()), v.contentType(), v.body(), headers);
    }

    /** Every string value sent so far, longest first. */
    final java.util.SortedSet<String> sentStrings = new java.util.TreeSet<>(
            java.util.Comparator.comparingInt(String::length).reversed().thenComparing(java.util.Comparator.naturalOrder()));

    void check(Variant v, RawHttp.Answer a) {
        perOperation.merge(v.operation(), 1, Integer::sum);
        perCategory.merge((v.strict() ? "" : "legal ") + v.category(), 1, Integer::sum);
        perStatus.merge(Integer.toString(a.status()), 1, Integer::sum);
        String what = v.operation() + " [" + v.category() + (v.field() == null ? "" : " " + v.field()) + "] " + v.method() + " "
                + abbreviate(v.path() + v.query()) + (v.body() == null ? "" : " body " + abbreviate(new String(v.body(), StandardCharsets.UTF_8)));
        String body = a.body();
        // text the test itself sent (in this request or stored by an earlier one, e.g. a payment reference listed
        // with the invoice) is not a leak: strip every string sent so far, the longest first
        sentStrings.addAll(v.echoes());
        for (String echo : sentStrings) {
            if (!echo.isEmpty()) {
                body = body.replace(echo, "").replace(ApiDocument.JSON.valueToTree(echo).toString(), "");
                String json = ApiDocument.JSON.valueToTree(echo).toString();
                body = body.replace(json.substring(1, json.length() - 1), "");
            }
        }
        java.util.regex.Matcher leak = LEAK.matcher(body);
        if (leak.find()) {
            wrong.add(what + " → " + a.status() + " leaks '" + leak.group() + "': " + abbreviate(a.body()));
        }
        if (a.status() >= 500 || a.status() == 429 || a.status() < 200 || a.status() >= 300 && a.status() < 400) {
            wrong.add(what + " → " + a.status() + ": " + abbreviate(a.body()));
            return;
        }
        if (a.status() >= 400) {
            problem(what, a);
            return;
        }
        if (v.strict()) {
            JsonNode json = json(a.body());
            boolean batchRefusedItems = json != null && json.has("accepted") && json.get("accepted").asInt(-1) == 0;
            if (!batchRefusedItems) {
                wrong.add(what + " → " + a.status() + " accepted an invalid request: " + abbreviate(a.body()));
            }
            return;
        }
        JsonNode json = json(a.body());
        if (!a.body().isEmpty() && json == null && !a.mediaType().equals("text/csv")) {
            wrong.add(what + " → " + a.status() + " answered no JSON: " + abbreviate(a.body()));
            return;
        }
        if (v.roundTrip() != null && v.field() != null && json != null && json.isObject() && json.has(v.field())
                && !v.roundTrip().equals(json.get(v.field()).asText())) {
            wrong.add(what + " → " + a.status() + " stored " + v.field() + " as " + json.get(v.field()) + ", not as sent");
        }
        if (v.operation().equals("GET /api/v1/customers") && "q".equals(v.field()) && json != null) {
            String q = v.echoes().get(0).toLowerCase(Locale.ROOT);
            for (JsonNode item : json.path("items")) {
                if (!item.path("name").asText().toLowerCase(Locale.ROOT).contains(q)) {
                    wrong.add(what + " → a customer whose name does not contain q: " + item.path("name"));
                }
            }
        }
    }

    void problem(String what, RawHttp.Answer a) {
        if (!a.mediaType().equals("application/problem+json")) {
            wrong.add(what + " → " + a.status() + " as " + a.contentType() + ", not problem+json: " + abbreviate(a.body()));
            return;
        }
        JsonNode json = json(a.body());
        if (json == null || !json.path("type").isTextual() || !json.path("title").isTextual() || json.path("status").asInt() != a.status()
                || !json.path("detail").isTextual()) {
            wrong.add(what + " → " + a.status() + " problem without type, title, status, detail: " + abbreviate(a.body()));
        }
    }

    /**
     * The answer without {@code lastSeenAt}: an admin's sign-in activity (refreshed at most every 5 minutes while the
     * suite's own tokens are in use), not state a request could change.
     */
    static String withoutActivity(JsonNode json) {
        JsonNode copy = json.deepCopy();
        copy.findParents("lastSeenAt").forEach(parent -> ((ObjectNode) parent).remove("lastSeenAt"));
        return copy.toString();
    }

    static JsonNode json(String text) {
        try {
            return text.isEmpty() ? null : ApiDocument.JSON.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    static String abbreviate(String s) {
        String oneLine = s.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…(" + oneLine.length() + " chars)" : oneLine;
    }

    // ------------------------------------------------------------------ the reads that must not change

    /** Every GET of the document for the partner's full admin and own fixtures, every page; once two rounds agree. */
    Map<String, String> settled(Side side) {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(reads(side));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, String> now = reads(side);
            boolean same = now.equals(last.get());
            last.set(now);
            return same;
        });
        return last.get();
    }

    Map<String, String> reads(Side side) {
        Map<String, String> reads = new TreeMap<>();
        for (ApiDocument.Operation op : document.operations()) {
            if (!op.method().equals("get") || role(op) == null) {
                continue;
            }
            Map<String, String> q = baseQuery(op);
            boolean paged = op.parameters().stream().anyMatch(p -> "limit".equals(p.path("name").asText()));
            if (paged) {
                q.put("limit", "500");
            }
            String path = fill(op.path(), side, null, null);
            // calling reads: the current week too (the records the suite sends are of today), not only the default last
            boolean weekly = op.parameters().stream().anyMatch(p -> "week".equals(p.path("name").asText()));
            for (String week : weekly ? List.of("last", "current") : List.of("")) {
                String cursor = null;
                for (int page = 0; page < 20; page++) {
                    Map<String, String> pq = new LinkedHashMap<>(q);
                    if (!week.isEmpty()) {
                        pq.put("week", week);
                    }
                    if (cursor != null) {
                        pq.put("cursor", cursor);
                    }
                    RawHttp.Answer a = http.send("GET", path + query(pq), side.token("full"), null, null, Map.of("Accept", "application/json"));
                    JsonNode json = json(a.body());
                    reads.put(op.key() + (week.isEmpty() ? "" : " week " + week) + " page " + page,
                            a.status() + " " + (json == null ? a.body() : withoutActivity(json)));
                    cursor = json == null ? null : json.path("nextCursor").textValue();
                    if (cursor == null) {
                        break;
                    }
                }
            }
        }
        return reads;
    }

    static List<String> differences(String what, Map<String, String> before, Map<String, String> after) {
        List<String> differences = new ArrayList<>();
        for (String key : new TreeSet<>(union(before.keySet(), after.keySet()))) {
            if (!java.util.Objects.equals(before.get(key), after.get(key))) {
                differences.add(what + ": " + key + " changed from " + abbreviate(String.valueOf(before.get(key))) + " to "
                        + abbreviate(String.valueOf(after.get(key))));
            }
        }
        return differences;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

}
