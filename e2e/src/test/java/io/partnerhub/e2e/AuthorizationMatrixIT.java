package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole-API authorization matrix: every operation of the gateway's OpenAPI document × every kind of caller ×
 * whose customer the ids belong to, through the gateway with real Keycloak tokens, each cell with its exact expected
 * status (issue 14, docs/product-rules.md "Roles and visibility").
 *
 * <p>Callers: alice (partner-full-admin), adam (partner-admin; customers he created are his), rita
 * (partner-read-only-admin), order-integrator-acme and usage-ingest-acme (client credentials), no token, an expired
 * Keycloak token (alice's, from a client made for this run whose tokens live 1 s), alice's claims signed by another
 * key, and alice's Keycloak ID token.
 *
 * <p>Customer dimension: the path and body ids (customer, subscription, invoice, trial, support request, tag, admin)
 * are resources of (a) an acme customer adam created, (b) an acme customer alice created (not adam's), (c) a globex
 * customer. Operations on partner-wide resources (tags, admins) run with acme's resource ("own partner") and globex's;
 * operations without an id run once per caller ("n/a").
 *
 * <p>Expected status, in this order:
 * <ol>
 *   <li>no token, expired token, token signed by another key, ID token → 401 problem+json;</li>
 *   <li>a role the product's role table does not grant (the role set of each sample in {@link #samples()}) → 403
 *       problem+json; the document's {@code x-roles} of every operation must equal that set, a difference is a
 *       violation;</li>
 *   <li>another partner's resource, or for a partner-admin a customer neither assigned to nor created by them (reads
 *       and writes) → 404 problem+json; list operations with a {@code customerId} filter answer 200 without the
 *       customer's rows; ingestion batches answer 200 and reject that item by its index ({@code POST /orders},
 *       one item, → 404);</li>
 *   <li>otherwise the operation's documented success status, exactly; a write that changes a resource's state (delete,
 *       lifecycle transitions, payment, conversion...) gets a fresh resource for each cell expected to succeed.</li>
 * </ol>
 * The test fails listing every documented operation without a sample here, every sample the document lacks, and
 * every cell whose answer differs from its expectation; it prints a summary (cells, violations).
 */
class AuthorizationMatrixIT {

    static final String ACME = "7f3c1a52-0b1e-4c7a-9a39-6d5f2f1c0a01";
    static final String GLOBEX = "2b8e6d34-5c1f-4e0b-8d2a-3f9a7c4e5b02";
    /** gary@globex.example, a partner-admin of globex (deploy/keycloak/partner-hub-realm.json). */
    static final String GARY = "610be000-0000-4000-8000-000000000002";
    /** gwen@globex.example, globex's read-only admin: the other partner's user {@code POST /admins} is offered. */
    static final String GWEN = "610be000-0000-4000-8000-000000000003";

    static final String FULL = "partner-full-admin";
    static final String ADMIN = "partner-admin";
    static final String READ_ONLY = "partner-read-only-admin";
    static final String ORDER_INTEGRATOR = "order-integrator";
    static final String USAGE_INGEST = "usage-ingest";

    /** The kinds of caller. */
    enum Who {
        FULL_ADMIN(FULL), PARTNER_ADMIN(ADMIN), READ_ONLY_ADMIN(READ_ONLY), ORDERS(ORDER_INTEGRATOR), USAGE(USAGE_INGEST),
        NO_TOKEN(null), EXPIRED(null), OTHER_KEY(null), ID_TOKEN(null);

        final String role;

        Who(String role) {
            this.role = role;
        }

        boolean validToken() {
            return role != null;
        }
    }

    /** Whose resource the ids name. */
    enum Dim {
        ASSIGNED("own assigned customer"), UNASSIGNED("own unassigned customer"), OTHER("other partner"),
        OWN("own partner"), NA("n/a");

        final String label;

        Dim(String label) {
            this.label = label;
        }
    }

    /** Which dimensions an operation runs in. */
    enum Scope {
        CUSTOMER(List.of(Dim.ASSIGNED, Dim.UNASSIGNED, Dim.OTHER)), PARTNER(List.of(Dim.OWN, Dim.OTHER)), NONE(List.of(Dim.NA));

        final List<Dim> dims;

        Scope(List<Dim> dims) {
            this.dims = dims;
        }
    }

    /** What an allowed caller gets for an id it may not see. */
    enum Shape {
        /** 404 problem+json. */
        SINGLE,
        /** 200; {@link Sample#check} tells whether the customer's rows are there (they must not be). */
        LIST_FILTER,
        /** 200; {@link Sample#check} tells whether the item was accepted (it must be rejected). */
        BATCH
    }

    record Req(String path, Map<String, Object> query, String body) {
    }

    /** Builds a cell's request; {@code fresh}: the cell is expected to succeed, so a state-changing write gets its own resource. */
    interface Build {
        Req build(Who who, Dim dim, boolean fresh) throws Exception;
    }

    record Sample(String method, String template, Set<String> roles, Scope scope, Shape shape, int success, Build build,
                  BiPredicate<JsonNode, Dim> check) {

        String key() {
            return method + " " + template;
        }
    }

    /** docs/product-rules.md "Roles and visibility", as role sets. */
    static final Set<String> READERS = Set.of(FULL, ADMIN, READ_ONLY);
    static final Set<String> WRITERS = Set.of(FULL, ADMIN);
    static final Set<String> FULL_ONLY = Set.of(FULL);
    static final Set<String> ORDERS_ONLY = Set.of(ORDER_INTEGRATOR);
    static final Set<String> USAGE_ONLY = Set.of(USAGE_INGEST);

    static SystemLauncher system;
    static final Map<Who, String> tokens = new EnumMap<>(Who.class);
    static String gina;
    static String globexOrders;
    static String expiringClientUuid;
    static final String RUN = Long.toString(System.nanoTime(), 36);
    static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();
    static long sequence;

    /** Shared fixtures by dimension. */
    static final Map<Dim, String> customer = new EnumMap<>(Dim.class);
    static final Map<Dim, String> subscription = new EnumMap<>(Dim.class);
    static final Map<Dim, String> invoice = new EnumMap<>(Dim.class);
    static final Map<Dim, String> trial = new EnumMap<>(Dim.class);
    static final Map<Dim, String> supportRequest = new EnumMap<>(Dim.class);
    static final Map<Dim, String> tag = new EnumMap<>(Dim.class);
    /** An admin of the dimension's partner for assignments, and one for the admin directory's own operations. */
    static final Map<Dim, String> assignee = new EnumMap<>(Dim.class);
    static final Map<Dim, String> directoryAdmin = new EnumMap<>(Dim.class);

    @BeforeAll
    static void setUp() throws Exception {
        system = RunningSystem.get();
        String realm = system.keycloak().realmUrl();
        String password = system.secret("PARTNERHUB_DEMO_PASSWORD");
        tokens.put(Who.FULL_ADMIN, KeycloakTokens.password(realm, "alice@acme.example", password));
        tokens.put(Who.PARTNER_ADMIN, KeycloakTokens.password(realm, "adam@acme.example", password));
        tokens.put(Who.READ_ONLY_ADMIN, KeycloakTokens.password(realm, "rita@acme.example", password));
        tokens.put(Who.ORDERS, KeycloakTokens.clientCredentials(realm, "order-integrator-acme", system.secret("PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET")));
        tokens.put(Who.USAGE, KeycloakTokens.clientCredentials(realm, "usage-ingest-acme", system.secret("PARTNERHUB_ACME_USAGE_INGEST_SECRET")));
        tokens.put(Who.ID_TOKEN, idToken(realm, "alice@acme.example", password));
        tokens.put(Who.OTHER_KEY, signedWithAnotherKey(tokens.get(Who.FULL_ADMIN)));
        gina = KeycloakTokens.password(realm, "gina@globex.example", password);
        globexOrders = KeycloakTokens.clientCredentials(realm, "order-integrator-globex", system.secret("PARTNERHUB_GLOBEX_ORDER_INTEGRATOR_SECRET"));
        tokens.put(Who.EXPIRED, expiredToken(password));
        fixtures();
    }

    @AfterAll
    static void removeExpiringClient() {
        if (expiringClientUuid != null) {
            keycloak().delete("/admin/realms/partner-hub/clients/" + expiringClientUuid).then().statusCode(204);
        }
    }

    @Test
    void everyOperationTimesEveryCallerTimesEveryCustomerAnswersItsExpectedStatus() {
        ApiDocument document = new ApiDocument(given().baseUri(system.gatewayUrl()).queryParam("format", "json")
                .get(ApiDocument.GATEWAY_PATH).then().statusCode(200).extract().asString());
        List<Sample> samples = samples();
        Map<String, Sample> byKey = new LinkedHashMap<>();
        samples.forEach(s -> byKey.put(s.key(), s));

        Set<String> documented = new TreeSet<>();
        List<String> violations = new ArrayList<>();
        for (ApiDocument.Operation operation : document.operations()) {
            documented.add(operation.key());
            Sample sample = byKey.get(operation.key());
            if (sample == null) {
                continue;
            }
            Set<String> roles = new TreeSet<>();
            operation.node().path("x-roles").forEach(r -> roles.add(r.asText()));
            if (!roles.equals(new TreeSet<>(sample.roles()))) {
                violations.add(operation.key() + ": x-roles " + roles + " but the role table grants " + new TreeSet<>(sample.roles()));
            }
            if (!operation.statuses().contains(String.valueOf(sample.success()))) {
                violations.add(operation.key() + ": documents " + operation.statuses() + ", not the success the matrix expects, " + sample.success());
            }
        }
        Set<String> uncovered = new TreeSet<>(documented);
        uncovered.removeAll(byKey.keySet());
        Set<String> undocumented = new TreeSet<>(byKey.keySet());
        undocumented.removeAll(documented);

        int documentViolations = violations.size();
        Map<String, int[]> perCaller = new LinkedHashMap<>();
        int cells = 0;
        long started = System.nanoTime();
        for (Sample sample : samples) {
            if (!documented.contains(sample.key())) {
                continue;
            }
            for (Who who : Who.values()) {
                for (Dim dim : sample.scope().dims) {
                    cells++;
                    String violation = cell(sample, who, dim);
                    int[] counts = perCaller.computeIfAbsent(who.name(), k -> new int[2]);
                    counts[0]++;
                    if (violation != null) {
                        counts[1]++;
                        violations.add(violation);
                    }
                }
            }
        }
        StringBuilder summary = new StringBuilder("Authorization matrix: ").append(documented.size()).append(" documented operations, ")
                .append(byKey.size() - undocumented.size()).append(" covered, ").append(cells).append(" cells run in ")
                .append(Duration.ofNanos(System.nanoTime() - started).toSeconds()).append(" s, ").append(violations.size() - documentViolations)
                .append(" cell violations, ").append(documentViolations).append(" document violations (x-roles, success status)")
                .append("; uncovered operations: ").append(uncovered).append("; samples not in the document: ")
                .append(undocumented).append("\n  cells/violations per caller:");
        perCaller.forEach((who, c) -> summary.append(' ').append(who).append(' ').append(c[0]).append('/').append(c[1]));
        violations.forEach(v -> summary.append("\n  VIOLATION ").append(v));
        System.out.println(summary);

        assertEquals(Set.of(), uncovered, "operations of the gateway's document the matrix does not cover");
        assertEquals(Set.of(), undocumented, "matrix samples for operations the document does not have");
        assertEquals(List.of(), violations);
    }

    /** One cell: null when the answer is the expected one, else what went wrong. */
    static String cell(Sample sample, Who who, Dim dim) {
        boolean visible = visible(who, dim);
        int expected;
        if (!who.validToken()) {
            expected = 401;
        } else if (!sample.roles().contains(who.role)) {
            expected = 403;
        } else if (!visible && sample.shape() == Shape.SINGLE) {
            expected = 404;
        } else if (sample.shape() == Shape.SINGLE) {
            expected = sample.success();
        } else {
            expected = 200;
        }
        boolean fresh = expected == sample.success();
        String where = sample.key() + " as " + who + " on " + dim.label;
        Req req;
        try {
            req = sample.build().build(who, dim, fresh);
        } catch (Exception | AssertionError e) {
            return where + ": fixture failed: " + e.getMessage();
        }
        Response response = send(sample.method(), req, tokens.get(who));
        int status = response.statusCode();
        String contentType = response.contentType() == null ? "" : response.contentType();
        String text = response.asString();
        if (status != expected) {
            return where + " → " + status + ", expected " + expected + ": " + abbreviate(text);
        }
        if (expected >= 400 && !contentType.startsWith("application/problem+json")) {
            return where + " → " + status + " as " + contentType + ", expected application/problem+json";
        }
        if (expected < 400 && sample.shape() != Shape.SINGLE && who.validToken() && sample.roles().contains(who.role)) {
            boolean present;
            try {
                present = sample.check().test(ApiDocument.parse(text), dim);
            } catch (RuntimeException | AssertionError e) {
                return where + " → 200 but " + e.getMessage();
            }
            if (present != visible) {
                return where + " → 200 but the customer's item is " + (present ? "there" : "missing") + ": " + abbreviate(text);
            }
        }
        return null;
    }

    /** Whether the caller may see the dimension's resources (machine clients ingest for their whole partner). */
    static boolean visible(Who who, Dim dim) {
        return dim != Dim.OTHER && !(who == Who.PARTNER_ADMIN && dim == Dim.UNASSIGNED);
    }

    static List<Sample> samples() {
        List<Sample> s = new ArrayList<>();
        // partner, admins, help
        s.add(new Sample("GET", "/api/v1/partner", READERS, Scope.NONE, Shape.SINGLE, 200, (w, d, f) -> at("/api/v1/partner"), null));
        s.add(new Sample("POST", "/api/v1/partner/setup", FULL_ONLY, Scope.NONE, Shape.SINGLE, 200,
                (w, d, f) -> body("/api/v1/partner/setup", "{\"acceptTerms\":true}"), null));
        s.add(new Sample("GET", "/api/v1/admins", READERS, Scope.NONE, Shape.SINGLE, 200, (w, d, f) -> at("/api/v1/admins"), null));
        s.add(new Sample("POST", "/api/v1/admins", FULL_ONLY, Scope.PARTNER, Shape.SINGLE, 201, (w, d, f) -> {
            // another partner's user: gwen, so that a wrongly accepted one cannot make gary (below) look like acme's
            String id = d == Dim.OTHER ? GWEN : keycloakUser("new");
            return body("/api/v1/admins", adminBody(id));
        }, null));
        s.add(new Sample("GET", "/api/v1/admins/{id}", READERS, Scope.PARTNER, Shape.SINGLE, 200,
                (w, d, f) -> at("/api/v1/admins/" + directoryAdmin.get(d)), null));
        s.add(new Sample("PATCH", "/api/v1/admins/{id}", FULL_ONLY, Scope.PARTNER, Shape.SINGLE, 200,
                (w, d, f) -> body("PATCH", "/api/v1/admins/" + directoryAdmin.get(d), Json.object().put("displayName", "Matrix " + next()).toString()), null));
        s.add(new Sample("DELETE", "/api/v1/admins/{id}", FULL_ONLY, Scope.PARTNER, Shape.SINGLE, 204,
                (w, d, f) -> at("/api/v1/admins/" + (f ? admin(d) : directoryAdmin.get(d))), null));
        s.add(new Sample("GET", "/api/v1/resources", READERS, Scope.NONE, Shape.SINGLE, 200, (w, d, f) -> at("/api/v1/resources"), null));
        s.add(new Sample("GET", "/api/v1/support/contacts", READERS, Scope.NONE, Shape.SINGLE, 200,
                (w, d, f) -> at("/api/v1/support/contacts"), null));
        s.add(new Sample("GET", "/api/v1/support/requests", READERS, Scope.NONE, Shape.SINGLE, 200,
                (w, d, f) -> at("/api/v1/support/requests"), null));
        s.add(new Sample("POST", "/api/v1/support/requests", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 201,
                (w, d, f) -> body("/api/v1/support/requests", supportRequestBody(d)), null));
        s.add(new Sample("GET", "/api/v1/support/requests/{id}", READERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> at("/api/v1/support/requests/" + supportRequest.get(d)), null));
        s.add(new Sample("PATCH", "/api/v1/support/requests/{id}", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> body("PATCH", "/api/v1/support/requests/" + (f ? supportRequest(d) : supportRequest.get(d)),
                        "{\"status\":\"IN_PROGRESS\"}"), null));

        // customers, tags, assignments, audit, admin activity
        s.add(new Sample("GET", "/api/v1/customers", READERS, Scope.NONE, Shape.SINGLE, 200, (w, d, f) -> at("/api/v1/customers"), null));
        s.add(new Sample("POST", "/api/v1/customers", WRITERS, Scope.NONE, Shape.SINGLE, 201,
                (w, d, f) -> body("/api/v1/customers", customerBody()), null));
        s.add(new Sample("GET", "/api/v1/customers/{id}", READERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> at("/api/v1/customers/" + customer.get(d)), null));
        s.add(new Sample("PATCH", "/api/v1/customers/{id}", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> body("PATCH", "/api/v1/customers/" + customer.get(d), Json.object().put("name", "Matrix renamed " + next()).toString()), null));
        s.add(new Sample("DELETE", "/api/v1/customers/{id}", FULL_ONLY, Scope.CUSTOMER, Shape.SINGLE, 204,
                (w, d, f) -> at("/api/v1/customers/" + (f ? customer(d) : customer.get(d))), null));
        s.add(new Sample("POST", "/api/v1/customers/{id}/launch", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> body("/api/v1/customers/" + customer.get(d) + "/launch", null), null));
        s.add(new Sample("GET", "/api/v1/customers/{id}/admins", READERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> at("/api/v1/customers/" + customer.get(d) + "/admins"), null));
        s.add(new Sample("PUT", "/api/v1/customers/{id}/admins/{adminId}", FULL_ONLY, Scope.CUSTOMER, Shape.SINGLE, 204,
                (w, d, f) -> body("PUT", "/api/v1/customers/" + customer.get(d) + "/admins/" + assignee.get(d), null), null));
        s.add(new Sample("DELETE", "/api/v1/customers/{id}/admins/{adminId}", FULL_ONLY, Scope.CUSTOMER, Shape.SINGLE, 204, (w, d, f) -> {
            if (f) {
                owner(d).put("/api/v1/customers/" + customer.get(d) + "/admins/" + assignee.get(d)).then().statusCode(204);
            }
            return at("/api/v1/customers/" + customer.get(d) + "/admins/" + assignee.get(d));
        }, null));
        s.add(new Sample("GET", "/api/v1/tags", READERS, Scope.NONE, Shape.SINGLE, 200, (w, d, f) -> at("/api/v1/tags"), null));
        s.add(new Sample("POST", "/api/v1/tags", WRITERS, Scope.NONE, Shape.SINGLE, 201,
                (w, d, f) -> body("/api/v1/tags", Json.object().put("name", "matrix-" + next()).put("color", "#112233").toString()), null));
        s.add(new Sample("GET", "/api/v1/tags/{id}", READERS, Scope.PARTNER, Shape.SINGLE, 200, (w, d, f) -> at("/api/v1/tags/" + tag.get(d)), null));
        s.add(new Sample("PATCH", "/api/v1/tags/{id}", WRITERS, Scope.PARTNER, Shape.SINGLE, 200,
                (w, d, f) -> body("PATCH", "/api/v1/tags/" + tag.get(d), Json.object().put("description", "Matrix " + next()).toString()), null));
        s.add(new Sample("DELETE", "/api/v1/tags/{id}", WRITERS, Scope.PARTNER, Shape.SINGLE, 204,
                (w, d, f) -> at("/api/v1/tags/" + (f ? tag(d) : tag.get(d))), null));
        s.add(new Sample("PUT", "/api/v1/customers/{id}/tags/{tagId}", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 204,
                (w, d, f) -> body("PUT", "/api/v1/customers/" + customer.get(d) + "/tags/" + tag.get(partner(d)), null), null));
        s.add(new Sample("DELETE", "/api/v1/customers/{id}/tags/{tagId}", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 204, (w, d, f) -> {
            if (f) {
                owner(d).put("/api/v1/customers/" + customer.get(d) + "/tags/" + tag.get(partner(d))).then().statusCode(204);
            }
            return at("/api/v1/customers/" + customer.get(d) + "/tags/" + tag.get(partner(d)));
        }, null));
        s.add(new Sample("GET", "/api/v1/audit", READERS, Scope.CUSTOMER, Shape.LIST_FILTER, 200,
                (w, d, f) -> query("/api/v1/audit", "customerId", customer.get(d)),
                (body, d) -> has(body.path("items"), "customerId", customer.get(d))));
        s.add(new Sample("POST", "/api/v1/admin-activity", USAGE_ONLY, Scope.CUSTOMER, Shape.BATCH, 200,
                (w, d, f) -> body("/api/v1/admin-activity", Json.array().add(Json.object().put("customerId", customer.get(d))
                        .put("at", Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString())).toString()),
                AuthorizationMatrixIT::acceptedOne));

        // orders, subscriptions, invoices, licenses, trials
        s.add(new Sample("POST", "/api/v1/orders", ORDERS_ONLY, Scope.CUSTOMER, Shape.SINGLE, 201,
                (w, d, f) -> body("/api/v1/orders", orderBody(customer.get(d), "SUB-MX-" + next())), null));
        s.add(new Sample("POST", "/api/v1/orders/batch", ORDERS_ONLY, Scope.CUSTOMER, Shape.BATCH, 200,
                (w, d, f) -> body("/api/v1/orders/batch", "[" + orderBody(customer.get(d), "SUB-MX-" + next()) + "]"),
                AuthorizationMatrixIT::batchAcceptedOne));
        s.add(new Sample("GET", "/api/v1/customers/{customerId}/orders", READERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> at("/api/v1/customers/" + customer.get(d) + "/orders"), null));
        s.add(new Sample("GET", "/api/v1/subscriptions", READERS, Scope.CUSTOMER, Shape.LIST_FILTER, 200,
                (w, d, f) -> query("/api/v1/subscriptions", "customerId", customer.get(d)),
                (body, d) -> has(body.path("items"), "customerId", customer.get(d))));
        s.add(new Sample("GET", "/api/v1/subscriptions/{subscriptionId}", READERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> at("/api/v1/subscriptions/" + subscription.get(d)), null));
        s.add(new Sample("POST", "/api/v1/subscriptions/{subscriptionId}/provision", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> body("/api/v1/subscriptions/" + (f ? subscription(d, 0) : subscription.get(d)) + "/provision", null), null));
        s.add(new Sample("POST", "/api/v1/subscriptions/{subscriptionId}/suspend", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> body("/api/v1/subscriptions/" + (f ? subscription(d, 1) : subscription.get(d)) + "/suspend", null), null));
        s.add(new Sample("POST", "/api/v1/subscriptions/{subscriptionId}/resume", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> body("/api/v1/subscriptions/" + (f ? subscription(d, 2) : subscription.get(d)) + "/resume", null), null));
        s.add(new Sample("POST", "/api/v1/subscriptions/{subscriptionId}/cancel", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> body("/api/v1/subscriptions/" + (f ? subscription(d, 0) : subscription.get(d)) + "/cancel", null), null));
        s.add(new Sample("GET", "/api/v1/customers/{customerId}/subscriptions", READERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> at("/api/v1/customers/" + customer.get(d) + "/subscriptions"), null));
        s.add(new Sample("POST", "/api/v1/subscriptions/{subscriptionId}/invoices", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 201,
                (w, d, f) -> body("/api/v1/subscriptions/" + subscription.get(d) + "/invoices", invoiceBody()), null));
        s.add(new Sample("GET", "/api/v1/subscriptions/{subscriptionId}/invoices", READERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> at("/api/v1/subscriptions/" + subscription.get(d) + "/invoices"), null));
        s.add(new Sample("GET", "/api/v1/invoices/{invoiceId}", READERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> at("/api/v1/invoices/" + invoice.get(d)), null));
        // the product rule: a payment has a positive amount; this one covers the invoice's 120.50
        s.add(new Sample("POST", "/api/v1/invoices/{invoiceId}/payments", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> body("/api/v1/invoices/" + (f ? invoice(d) : invoice.get(d)) + "/payments", "{\"amount\":120.50}"), null));
        s.add(new Sample("POST", "/api/v1/license-usage", USAGE_ONLY, Scope.CUSTOMER, Shape.BATCH, 200,
                (w, d, f) -> body("/api/v1/license-usage", Json.array().add(Json.object().put("subscriptionId", subscription.get(d))
                        .put("product", "MEETINGS").put("date", TODAY).put("assigned", 4).put("used", 2)).toString()),
                AuthorizationMatrixIT::acceptedOne));
        s.add(new Sample("POST", "/api/v1/customers/{customerId}/trials", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 201,
                (w, d, f) -> body("/api/v1/customers/" + (f ? customer(d) : customer.get(d)) + "/trials", TRIAL), null));
        s.add(new Sample("GET", "/api/v1/customers/{customerId}/trials", READERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> at("/api/v1/customers/" + customer.get(d) + "/trials"), null));
        s.add(new Sample("POST", "/api/v1/trials/{trialId}/extend", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 200,
                (w, d, f) -> body("/api/v1/trials/" + (f ? trial(d) : trial.get(d)) + "/extend", "{\"days\":10}"), null));
        s.add(new Sample("POST", "/api/v1/trials/{trialId}/convert", WRITERS, Scope.CUSTOMER, Shape.SINGLE, 201,
                (w, d, f) -> body("/api/v1/trials/" + (f ? trial(d) : trial.get(d)) + "/convert", "{\"termMonths\":12,\"autoRenew\":true}"), null));

        // analytics and calling
        s.add(new Sample("GET", "/api/v1/analytics/kpis", READERS, Scope.NONE, Shape.SINGLE, 200, (w, d, f) -> at("/api/v1/analytics/kpis"), null));
        for (String path : List.of("license-trend", "recently-added", "expiring", "renewing", "low-allocation", "overage")) {
            s.add(new Sample("GET", "/api/v1/analytics/" + path, READERS, Scope.NONE, Shape.SINGLE, 200,
                    (w, d, f) -> query("/api/v1/analytics/" + path, "product", "MEETINGS"), null));
        }
        s.add(new Sample("POST", "/api/v1/calling/records", USAGE_ONLY, Scope.CUSTOMER, Shape.BATCH, 200,
                (w, d, f) -> body("/api/v1/calling/records", Json.array().add(Json.object().put("callId", "mx-" + next())
                        .put("customerId", customer.get(d)).put("userId", UUID.randomUUID().toString())
                        .put("startTime", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString())
                        .put("durationSeconds", 60).put("direction", "OUTBOUND").put("endpointType", "IP_PHONE")).toString()),
                AuthorizationMatrixIT::acceptedOne));
        for (String path : List.of("usage/users", "usage/customers", "quality/trend", "quality/endpoints", "quality/customers",
                "features", "queues")) {
            s.add(new Sample("GET", "/api/v1/calling/" + path, READERS, Scope.NONE, Shape.SINGLE, 200,
                    (w, d, f) -> at("/api/v1/calling/" + path), null));
        }
        return s;
    }

    static final String TRIAL = "{\"products\":[\"MEETINGS\"],\"licenses\":10,\"durationDays\":30}";

    /** An ingestion answer that accepted its one item (else it must have rejected item 0). */
    static boolean acceptedOne(JsonNode body, Dim dim) {
        if (body.path("accepted").asInt() == 1 && body.path("rejected").isArray() && body.path("rejected").isEmpty()) {
            return true;
        }
        if (body.path("accepted").asInt() != 0 || body.path("rejected").path(0).path("index").asInt(-1) != 0) {
            throw new AssertionError("neither accepted nor rejected: " + body);
        }
        return false;
    }

    /** A batch of one order that placed it (201), else it must have answered that item 404. */
    static boolean batchAcceptedOne(JsonNode body, Dim dim) {
        int status = body.path("items").path(0).path("status").asInt();
        if (status == 201 && body.path("accepted").asInt() == 1 && body.path("rejected").asInt() == 0) {
            return true;
        }
        if (status != 404 || body.path("accepted").asInt() != 0 || body.path("rejected").asInt() != 1) {
            throw new AssertionError("neither placed nor rejected as 404: " + body);
        }
        return false;
    }

    static boolean has(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (value.equals(item.path(field).asText())) {
                return true;
            }
        }
        return false;
    }

    static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    // ---- requests

    static Req at(String path) {
        return new Req(path, Map.of(), null);
    }

    static Req query(String path, String name, Object value) {
        return new Req(path, Map.of(name, value), null);
    }

    static Req body(String path, String body) {
        return new Req(path, Map.of(), body);
    }

    /** The method comes from the sample; naming it here only makes the sample read like the call. */
    static Req body(String method, String path, String body) {
        return new Req(path, Map.of(), body);
    }

    static Response send(String method, Req req, String token) {
        AtomicReference<Response> answer = new AtomicReference<>();
        // the gateway's per-partner rate limit may answer 429 under this load: retry, as a client must
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
            RequestSpecification spec = given().baseUri(system.gatewayUrl()).accept("application/json").redirects().follow(false)
                    .queryParams(req.query());
            if (token != null) {
                spec = spec.auth().oauth2(token);
            }
            if (req.body() != null) {
                spec = spec.contentType("application/json").body(req.body());
            }
            answer.set(spec.request(method, req.path()));
            return answer.get().statusCode() != 429;
        });
        return answer.get();
    }

    static RequestSpecification as(String token) {
        return given().baseUri(system.gatewayUrl()).auth().oauth2(token).contentType("application/json").accept("application/json");
    }

    static RequestSpecification as(Who who) {
        return as(tokens.get(who));
    }

    /** The full admin of the dimension's partner. */
    static RequestSpecification owner(Dim dim) {
        return dim == Dim.OTHER ? as(gina) : as(Who.FULL_ADMIN);
    }

    static Dim partner(Dim dim) {
        return dim == Dim.OTHER ? Dim.OTHER : Dim.OWN;
    }

    static synchronized String next() {
        return RUN + "-" + (++sequence);
    }

    /** Keycloak's admin API as the devstack's master admin (a token per use: master tokens live a minute). */
    static RequestSpecification keycloak() {
        String token = given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("client_id", "admin-cli").formParam("username", "admin")
                .formParam("password", system.secret("PARTNERHUB_KEYCLOAK_ADMIN_PASSWORD"))
                .post(system.keycloak().url() + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        return given().baseUri(system.keycloak().url()).auth().oauth2(token).contentType("application/json");
    }

    // ---- tokens

    static String idToken(String realm, String username, String password) {
        return given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("client_id", KeycloakTokens.API_CLIENT).formParam("scope", "openid")
                .formParam("username", username).formParam("password", password)
                .post(realm + "/protocol/openid-connect/token").then().statusCode(200).extract().path("id_token");
    }

    /** The same header (kid) and claims as a real token, signed with an RSA key made here. */
    static String signedWithAnotherKey(String token) throws Exception {
        String[] parts = token.split("\\.");
        JsonNode header = ApiDocument.parse(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(header.path("kid").asText());
        jws.setHeader("typ", "JWT");
        jws.setKey(generator.generateKeyPair().getPrivate());
        String forged = jws.getCompactSerialization();
        assertEquals(parts[1], forged.split("\\.")[1], "the forged token carries the real token's claims");
        return forged;
    }

    static JsonNode claims(String token) {
        return ApiDocument.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /**
     * Alice's real Keycloak token from a client made for this run (a copy of the API client whose tokens live 1 s),
     * once it has expired: issuer, audience, type, partner and roles as her ordinary token's, only {@code exp} past.
     */
    static String expiredToken(String password) {
        String clientId = "matrix-expiring-" + RUN;
        JsonNode api = ApiDocument.parse(keycloak().queryParam("clientId", KeycloakTokens.API_CLIENT)
                .get("/admin/realms/partner-hub/clients").then().statusCode(200).extract().asString()).path(0);
        ObjectNode client = Json.object().put("clientId", clientId).put("publicClient", true).put("directAccessGrantsEnabled", true)
                .put("standardFlowEnabled", false);
        client.putObject("attributes").put("access.token.lifespan", "1");
        ArrayNode mappers = client.putArray("protocolMappers");
        for (JsonNode mapper : api.path("protocolMappers")) {
            ObjectNode copy = mapper.deepCopy();
            copy.remove("id");
            mappers.add(copy);
        }
        String location = keycloak().body(client.toString())
                .post("/admin/realms/partner-hub/clients").then().statusCode(201).extract().header("Location");
        expiringClientUuid = location.substring(location.lastIndexOf('/') + 1);
        String token = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("client_id", clientId).formParam("username", "alice@acme.example").formParam("password", password)
                .post(system.keycloak().realmUrl() + "/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
        JsonNode claims = claims(token);
        JsonNode usual = claims(tokens.get(Who.FULL_ADMIN));
        for (String claim : List.of("iss", "sub", "typ", "partner_org_id", "realm_access")) {
            assertEquals(usual.path(claim), claims.path(claim), claim);
        }
        assertTrue(has(claims.path("aud").isArray() ? claims.path("aud") : ApiDocument.JSON.createArrayNode().add(claims.path("aud")),
                KeycloakTokens.API_CLIENT), "audience " + claims.path("aud"));
        long exp = claims.path("exp").asLong();
        assertTrue(exp - claims.path("iat").asLong() <= 2, "lives 1-2 s");
        // expired: the clock is past exp, with a second to spare for the gateway's clock reading
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> Instant.now().getEpochSecond() > exp + 1);
        return token;
    }

    static boolean has(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    // ---- fixtures

    static void fixtures() throws Exception {
        customer.put(Dim.ASSIGNED, createCustomer(as(Who.PARTNER_ADMIN))); // adam created it: his
        customer.put(Dim.UNASSIGNED, createCustomer(as(Who.FULL_ADMIN)));
        customer.put(Dim.OTHER, createCustomer(as(gina)));
        tag.put(Dim.OWN, tag(Dim.OWN));
        tag.put(Dim.OTHER, tag(Dim.OTHER));
        // gary signs in once, so globex's directory knows him
        as(KeycloakTokens.password(system.keycloak().realmUrl(), "gary@globex.example", system.secret("PARTNERHUB_DEMO_PASSWORD")))
                .get("/api/v1/partner").then().statusCode(200);
        directoryAdmin.put(Dim.OWN, admin(Dim.OWN));
        directoryAdmin.put(Dim.OTHER, GARY);
        String acmeAssignee = admin(Dim.OWN);
        assignee.put(Dim.ASSIGNED, acmeAssignee);
        assignee.put(Dim.UNASSIGNED, acmeAssignee);
        assignee.put(Dim.OTHER, GARY);
        for (Dim dim : List.of(Dim.ASSIGNED, Dim.UNASSIGNED, Dim.OTHER)) {
            subscription.put(dim, order(dim));
            invoice.put(dim, invoice(dim));
            trial.put(dim, trial(dim, customer.get(dim)));
            supportRequest.put(dim, supportRequest(dim));
        }
        // adam's customer reaches subscriptions-service through partnerhub.customers.v1
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> as(Who.PARTNER_ADMIN).get("/api/v1/subscriptions/" + subscription.get(Dim.ASSIGNED)).statusCode() == 200);
    }

    static String createCustomer(RequestSpecification as) {
        return as.body(customerBody()).post("/api/v1/customers")
                .then().statusCode(201).extract().path("id");
    }

    static String customerBody() {
        return Json.object().put("name", "Matrix " + next()).put("managedBy", "PARTNER").toString();
    }

    /** A fresh customer of the dimension (adam's own for ASSIGNED). */
    static String customer(Dim dim) {
        return createCustomer(dim == Dim.ASSIGNED ? as(Who.PARTNER_ADMIN) : owner(dim));
    }

    static String tag(Dim dim) {
        return owner(dim).body(Json.object().put("name", "matrix-" + next()).put("color", "#445566").toString()).post("/api/v1/tags")
                .then().statusCode(201).extract().path("id");
    }

    /** A user of acme in Keycloak, made through its admin API. */
    static String keycloakUser(String what) {
        String name = "matrix-" + what + "-" + next();
        ObjectNode user = Json.object().put("username", name).put("email", name + "@acme.example").put("enabled", true);
        user.putObject("attributes").putArray("partner_org_id").add(ACME);
        String location = keycloak().body(user.toString())
                .post("/admin/realms/partner-hub/users").then().statusCode(201).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        keycloak().get("/admin/realms/partner-hub/users/" + id).then().statusCode(200)
                .body("attributes.partner_org_id", contains(ACME)); // kept by the realm's user profile
        return id;
    }

    /** A fresh read-only admin in acme's directory (globex's: gary). */
    static String admin(Dim dim) {
        if (dim == Dim.OTHER) {
            return GARY;
        }
        String id = keycloakUser("admin");
        as(Who.FULL_ADMIN).body(adminBody(id)).post("/api/v1/admins").then().statusCode(201);
        return id;
    }

    static String adminBody(String id) {
        return Json.object().put("id", id).put("email", "matrix-" + id + "@acme.example").put("displayName", "Matrix " + next())
                .put("role", "partner-read-only-admin").toString();
    }

    static String orderBody(String customerId, String subscriptionId) {
        ObjectNode order = Json.object().put("ccwOrderId", "CCW-MX-" + next()).put("revision", 1).put("customerId", customerId)
                .put("subscriptionId", subscriptionId).put("startDate", TODAY).put("termMonths", 12).put("autoRenew", true);
        order.putArray("lines").addObject().put("product", "MEETINGS").put("sku", "A-MTG").put("quantity", 5);
        return order.toString();
    }

    /** A fresh ORDER_READY subscription of the dimension's customer. */
    static String order(Dim dim) {
        String id = "SUB-MX-" + next();
        as(dim == Dim.OTHER ? globexOrders : tokens.get(Who.ORDERS)).body(orderBody(customer.get(dim), id)).post("/api/v1/orders")
                .then().statusCode(201);
        return id;
    }

    /** A fresh subscription of the dimension's customer: 0 ORDER_READY, 1 ACTIVE, 2 SUSPENDED. */
    static String subscription(Dim dim, int steps) {
        String id = order(dim);
        if (steps >= 1) {
            owner(dim).post("/api/v1/subscriptions/" + id + "/provision").then().statusCode(200);
        }
        if (steps >= 2) {
            owner(dim).post("/api/v1/subscriptions/" + id + "/suspend").then().statusCode(200);
        }
        return id;
    }

    static String invoiceBody() {
        LocalDate today = LocalDate.parse(TODAY);
        return Json.object().put("number", "MX-INV-" + next()).put("periodStart", today.toString())
                .put("periodEnd", today.plusMonths(1).toString()).put("amount", new BigDecimal("120.50")).put("currency", "EUR")
                .put("dueDate", today.plusDays(30).toString()).toString();
    }

    /** A fresh open invoice of 120.50 on the dimension's subscription. */
    static String invoice(Dim dim) {
        return owner(dim).body(invoiceBody()).post("/api/v1/subscriptions/" + subscription.get(dim) + "/invoices")
                .then().statusCode(201).extract().path("invoiceId");
    }

    static String trial(Dim dim, String customerId) {
        return owner(dim).body(TRIAL).post("/api/v1/customers/" + customerId + "/trials")
                .then().statusCode(201).extract().path("subscriptionId");
    }

    /** A fresh active trial of a fresh customer of the dimension (a customer has one active trial at most). */
    static String trial(Dim dim) {
        return trial(dim, customer(dim));
    }

    static String supportRequestBody(Dim dim) {
        return Json.object().put("subject", "Matrix " + next()).put("description", "Authorization matrix")
                .put("customerId", customer.get(dim)).toString();
    }

    /** A fresh support request about the dimension's customer. */
    static String supportRequest(Dim dim) {
        return owner(dim).body(supportRequestBody(dim)).post("/api/v1/support/requests").then().statusCode(201).extract().path("id");
    }

    // ---- a partner-admin's subscriptions, with exact lists

    /** docs/product-rules.md, Roles: a partner-admin sees only customers assigned to them or created by them, subscriptions too. */
    @Test
    void aPartnerAdminSeesOnlyTheSubscriptionsOfTheirCustomers() {
        String alices = createCustomer(as(Who.FULL_ADMIN));
        String adams = createCustomer(as(Who.PARTNER_ADMIN)); // assigned to adam: he created it
        String subAlices = "SUB-MATRIX-" + UUID.randomUUID();
        String subAdams = "SUB-MATRIX-" + UUID.randomUUID();
        as(Who.ORDERS).body(orderBody(alices, subAlices)).post("/api/v1/orders").then().statusCode(201);
        as(Who.ORDERS).body(orderBody(adams, subAdams)).post("/api/v1/orders").then().statusCode(201);
        // adam's customer reaches subscriptions-service through partnerhub.customers.v1
        await().atMost(Duration.ofSeconds(60)).until(() -> as(Who.PARTNER_ADMIN).get("/api/v1/subscriptions/" + subAdams).statusCode() == 200);
        as(Who.PARTNER_ADMIN).get("/api/v1/subscriptions/" + subAlices).then().statusCode(404).contentType("application/problem+json");
        as(Who.PARTNER_ADMIN).post("/api/v1/subscriptions/" + subAlices + "/provision").then().statusCode(404)
                .contentType("application/problem+json");
        as(Who.PARTNER_ADMIN).get("/api/v1/customers/" + alices + "/subscriptions").then().statusCode(404)
                .contentType("application/problem+json");
        as(Who.PARTNER_ADMIN).get("/api/v1/subscriptions?customerId=" + alices + "," + adams).then().statusCode(200)
                .body("items.subscriptionId", contains(subAdams));
        for (Who who : List.of(Who.FULL_ADMIN, Who.READ_ONLY_ADMIN)) {
            as(who).get("/api/v1/subscriptions?customerId=" + alices + "," + adams).then().statusCode(200)
                    .body("items.subscriptionId", containsInAnyOrder(subAlices, subAdams));
        }
        as(Who.FULL_ADMIN).get("/api/v1/subscriptions/" + subAlices).then().statusCode(200).body("status", equalTo("ORDER_READY"));
    }
}
