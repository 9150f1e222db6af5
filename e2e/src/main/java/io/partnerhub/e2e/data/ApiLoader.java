package io.partnerhub.e2e.data;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.e2e.data.DataGenerator.CallRecord;
import io.partnerhub.e2e.data.DataGenerator.Customer;
import io.partnerhub.e2e.data.DataGenerator.Line;
import io.partnerhub.e2e.data.DataGenerator.Snapshot;
import io.partnerhub.e2e.data.DataGenerator.Subscription;
import io.partnerhub.platform.devstack.Json;
import io.partnerhub.platform.devstack.KeycloakTokens;
import io.partnerhub.platform.devstack.SystemLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loads a generated partner through the public API at the gateway with real tokens, so the data takes every path
 * real data takes (events, projections, outbox): partner setup, tags, customers, CCW orders (in batches), provisioning,
 * suspension and cancellation, trials, tag assignments, weekly license snapshots, customer-admin sign-ins and call
 * records (in batches, sent again until calling-metrics knows every customer: it learns them from events).
 */
public final class ApiLoader {

    /** The partner's callers: a partner-full-admin user and its order-integrator and usage-ingest machine clients. */
    public record Callers(String fullAdmin, String passwordSecret, String orderClient, String orderSecret, String usageClient,
                          String usageSecret) {
    }

    /** What was loaded: the server's ids of the customers (by index) and the trials' subscription ids (by customer). */
    public record Loaded(Map<Integer, String> customerIds, Map<Integer, String> trialIds, long orders, long snapshots,
                         long callRecords) {
        /** The customer's server id. */
        public String customerId(int index) {
            return customerIds.get(index);
        }
    }

    static final int ORDER_BATCH = 500;
    static final int USAGE_BATCH = 1_000;
    static final int CALL_BATCH = 5_000;
    static final Duration DEADLINE = Duration.ofSeconds(120);

    private final SystemLauncher system;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Supplier<String>> tokens = new HashMap<>();

    public ApiLoader(SystemLauncher system) {
        this.system = system;
    }

    public Loaded load(DataGenerator data, Callers callers) throws IOException, InterruptedException {
        String admin = "user:" + callers.fullAdmin();
        tokens.computeIfAbsent(admin, k -> KeycloakTokens.refreshingPassword(system.keycloak().realmUrl(), callers.fullAdmin(),
                system.secret(callers.passwordSecret())));
        String orders = "client:" + callers.orderClient();
        tokens.computeIfAbsent(orders, k -> KeycloakTokens.refreshingClientCredentials(system.keycloak().realmUrl(),
                callers.orderClient(), system.secret(callers.orderSecret())));
        String usage = "client:" + callers.usageClient();
        tokens.computeIfAbsent(usage, k -> KeycloakTokens.refreshingClientCredentials(system.keycloak().realmUrl(),
                callers.usageClient(), system.secret(callers.usageSecret())));

        call("POST", "/api/v1/partner/setup", admin, Json.object().put("acceptTerms", true).put("name", data.partner().name()), 200);
        Map<String, String> tagIds = new HashMap<>();
        for (String[] tag : DataGenerator.TAGS) {
            String name = data.namespace() + tag[0];
            JsonNode created = call("POST", "/api/v1/tags", admin,
                    Json.object().put("name", name).put("color", tag[1]).put("description", tag[2]), 201);
            tagIds.put(name, created.path("id").asText());
        }

        int size = data.partner().size().customers();
        Map<Integer, String> ids = new HashMap<>();
        for (int i = 0; i < size; i++) {
            Customer c = data.customer(i);
            if (!c.createdByOrder()) {
                ids.put(i, call("POST", "/api/v1/customers", admin, customerJson(c), 201).path("id").asText());
            }
        }

        long orderCount = 0;
        ArrayNode batch = Json.array();
        List<Integer> batchCustomers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Customer c = data.customer(i);
            Subscription s = data.subscription(c);
            if (s.trial()) {
                continue;
            }
            ObjectNode order = orderJson(c, s, ids.get(i));
            batch.add(order);
            batchCustomers.add(i);
            if (batch.size() == ORDER_BATCH) {
                orderCount += placeOrders(orders, batch, batchCustomers, ids);
            }
        }
        orderCount += placeOrders(orders, batch, batchCustomers, ids);

        Map<Integer, String> trialIds = new HashMap<>();
        for (int i = 0; i < size; i++) {
            Customer c = data.customer(i);
            Subscription s = data.subscription(c);
            for (String tag : c.tags()) {
                call("PUT", "/api/v1/customers/" + ids.get(i) + "/tags/" + tagIds.get(tag), admin, null, 204);
            }
            if (s.trial()) {
                trialIds.put(i, call("POST", "/api/v1/customers/" + ids.get(i) + "/trials", admin, trialJson(s), 201)
                        .path("subscriptionId").asText());
                continue;
            }
            if (!s.state().equals("ORDER_READY")) {
                call("POST", "/api/v1/subscriptions/" + s.subscriptionId() + "/provision", admin, null, 200);
            }
            if (s.state().equals("SUSPENDED")) {
                call("POST", "/api/v1/subscriptions/" + s.subscriptionId() + "/suspend", admin, null, 200);
            } else if (s.state().equals("CANCELLED")) {
                call("POST", "/api/v1/subscriptions/" + s.subscriptionId() + "/cancel", admin, null, 200);
            }
        }

        long snapshotCount = 0;
        ArrayNode snapshots = Json.array();
        ArrayNode signIns = Json.array();
        for (int i = 0; i < size; i++) {
            Customer c = data.customer(i);
            for (Snapshot s : data.snapshots(c, data.subscription(c))) {
                snapshots.add(snapshotJson(s));
                if (snapshots.size() == USAGE_BATCH) {
                    snapshotCount += ingest(usage, "/api/v1/license-usage", snapshots);
                }
            }
            if (c.kind() == DataGenerator.Kind.STEADY || c.kind() == DataGenerator.Kind.OVERAGE) {
                signIns.add(Json.object().put("customerId", ids.get(i)).put("at", data.startOfToday().minusSeconds(15 * 3600).toString()));
                if (signIns.size() == USAGE_BATCH) {
                    ingest(usage, "/api/v1/admin-activity", signIns);
                }
            }
        }
        snapshotCount += ingest(usage, "/api/v1/license-usage", snapshots);
        ingest(usage, "/api/v1/admin-activity", signIns);

        long[] records = {0};
        try {
            data.callRecords(CALL_BATCH, batchOfRecords -> records[0] += postRecords(usage, batchOfRecords, ids));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Loaded(Map.copyOf(ids), Map.copyOf(trialIds), orderCount, snapshotCount, records[0]);
    }

    /** Places the batch's orders (each must be taken: 201), notes the ids of the customers the orders created. */
    private long placeOrders(String token, ArrayNode batch, List<Integer> customers, Map<Integer, String> ids)
            throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return 0;
        }
        JsonNode answer = call("POST", "/api/v1/orders/batch", token, batch, 200);
        for (JsonNode item : answer.path("items")) {
            int index = item.path("index").asInt();
            if (item.path("status").asInt() != 201) {
                throw new IOException("order " + batch.get(index).path("ccwOrderId").asText() + " answered " + item);
            }
            ids.putIfAbsent(customers.get(index), item.path("result").path("customerId").asText());
        }
        long placed = batch.size();
        batch.removeAll();
        customers.clear();
        return placed;
    }

    /** Sends a batch of usage snapshots or sign-ins; every item must be accepted. */
    private long ingest(String token, String path, ArrayNode items) throws IOException, InterruptedException {
        if (items.isEmpty()) {
            return 0;
        }
        JsonNode answer = call("POST", path, token, items, 200);
        if (answer.path("accepted").asInt() != items.size()) {
            throw new IOException(path + " took " + answer.path("accepted").asInt() + " of " + items.size() + ": " + answer);
        }
        long taken = items.size();
        items.removeAll();
        return taken;
    }

    /**
     * Posts a batch of call records until each is taken (accepted now or before): a record for a customer that
     * calling-metrics has not learnt yet from customers-service's events is rejected, and the batch is sent again.
     */
    private long postRecords(String token, List<CallRecord> records, Map<Integer, String> ids) {
        ArrayNode body = Json.array();
        for (CallRecord r : records) {
            body.add(recordJson(r, ids.get(r.customer())));
        }
        JsonNode[] last = new JsonNode[1];
        try {
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
                last[0] = call("POST", "/api/v1/calling/records", token, body, 200);
                return last[0].path("accepted").asInt() + last[0].path("duplicates").asInt() == records.size();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new UncheckedIOException(new IOException("call records not all taken within " + DEADLINE + ": " + last[0]));
        }
        return records.size();
    }

    /** A customer as POST /customers takes it. */
    public static ObjectNode customerJson(Customer c) {
        return Json.object().put("name", c.name()).put("externalId", c.externalId()).put("managedBy", c.managedBy());
    }

    /** The order as POST /orders takes it: for a known customer its id, else the customer the order creates. */
    public static ObjectNode orderJson(Customer c, Subscription s, String customerId) {
        ObjectNode order = Json.object().put("ccwOrderId", s.ccwOrderId());
        if (c.createdByOrder()) {
            order.set("customer", customerJson(c));
        } else {
            order.put("customerId", customerId);
        }
        order.put("subscriptionId", s.subscriptionId()).put("startDate", s.start().toString())
                .put("termMonths", s.termMonths()).put("autoRenew", s.autoRenew());
        ArrayNode lines = order.putArray("lines");
        for (Line line : s.lines()) {
            lines.add(Json.object().put("product", line.product()).put("sku", line.sku()).put("quantity", line.purchased()));
        }
        return order;
    }

    /** A trial as POST /customers/{id}/trials takes it. */
    public static ObjectNode trialJson(Subscription s) {
        ObjectNode trial = Json.object();
        ArrayNode products = trial.putArray("products");
        s.lines().forEach(l -> products.add(l.product()));
        return trial.put("licenses", s.lines().get(0).purchased()).put("durationDays", s.trialDays()).put("startDate", s.start().toString());
    }

    /** A license usage snapshot as POST /license-usage takes it. */
    public static ObjectNode snapshotJson(Snapshot s) {
        return Json.object().put("subscriptionId", s.subscriptionId()).put("product", s.product())
                .put("date", s.date().toString()).put("assigned", s.assigned()).put("used", s.used());
    }

    /** A call record as POST /calling/records takes it. */
    public static ObjectNode recordJson(CallRecord r, String customerId) {
        ObjectNode json = Json.object().put("callId", r.callId()).put("customerId", customerId)
                .put("userId", r.userId()).put("startTime", r.start().toString()).put("durationSeconds", r.durationSeconds())
                .put("direction", r.outbound() ? "OUTBOUND" : "INBOUND").put("endpointType", r.endpointType());
        if (r.mos() != null) {
            json.put("mos", r.mos()).put("packetLossPct", r.packetLossPct()).put("jitterMs", r.jitterMs()).put("latencyMs", r.latencyMs());
        }
        ArrayNode features = json.putArray("features");
        r.features().forEach(features::add);
        if (r.queue() != null) {
            json.putObject("queue").put("queueId", r.queue().queueId()).put("outcome", r.queue().outcome())
                    .put("waitSeconds", r.queue().waitSeconds());
        }
        return json;
    }

    private JsonNode call(String method, String path, String tokenKey, JsonNode json, int expected)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token(tokenKey))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(json)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? Json.object() : Json.read(response.body());
    }

    /** Access tokens live 5 minutes: each caller's supplier fetches a new one before it expires. */
    private String token(String key) throws IOException {
        try {
            return tokens.get(key).get();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
