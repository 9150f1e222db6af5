package io.partnerhub.platform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Demo data for the local run, loaded once through the public API with the demo users' and machine clients' real
 * tokens (so it takes every path real data takes): customers, CCW orders (one for a customer only CCW knows),
 * provisioning, a trial, license usage with an overage, tags and a customer-admin sign-in.
 */
public final class DemoData {

    public static final String ACME = "7f3c1a52-0b1e-4c7a-9a39-6d5f2f1c0a01";
    public static final String GLOBEX = "2b8e6d34-5c1f-4e0b-8d2a-3f9a7c4e5b02";

    /** username, role, partner: the same users as deploy/keycloak/partner-hub-realm.json. */
    public static final List<String[]> USERS = List.of(
            new String[] {"alice@acme.example", "partner-full-admin", "Acme (" + ACME + ")"},
            new String[] {"adam@acme.example", "partner-admin", "Acme"},
            new String[] {"rita@acme.example", "partner-read-only-admin", "Acme"},
            new String[] {"gina@globex.example", "partner-full-admin", "Globex (" + GLOBEX + ")"},
            new String[] {"gary@globex.example", "partner-admin", "Globex"},
            new String[] {"gwen@globex.example", "partner-read-only-admin", "Globex"});

    private static final List<String[]> CUSTOMERS = List.of(
            new String[] {"alice@acme.example", "Hokkaido Logistics", "ACME-0001", "PARTNER"},
            new String[] {"alice@acme.example", "Kansai Medical Group", "ACME-0002", "EXTERNAL"},
            new String[] {"alice@acme.example", "Tokyo Design Studio", "ACME-0003", "PARTNER"},
            new String[] {"adam@acme.example", "Nagoya Precision Parts", "ACME-0004", "PARTNER"},
            new String[] {"gina@globex.example", "Osaka Foods", "GLOBEX-0001", "PARTNER"},
            new String[] {"gina@globex.example", "Sendai University", "GLOBEX-0002", "EXTERNAL"});

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SystemLauncher system;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Supplier<String>> tokens = new HashMap<>();

    private DemoData(SystemLauncher system) {
        this.system = system;
    }

    public static void seed(SystemLauncher launcher, Path state) {
        Path marker = state.resolve("demo-data.loaded");
        if (Files.exists(marker)) {
            return;
        }
        try {
            new DemoData(launcher).load();
            Files.writeString(marker, "loaded\n");
        } catch (IOException e) {
            System.err.println("Demo data not (fully) loaded: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void load() throws IOException, InterruptedException {
        call("POST", "/api/v1/partner/setup", user("alice@acme.example"),
                object().put("acceptTerms", true).put("name", "Acme Communications"), 200);
        call("POST", "/api/v1/partner/setup", user("gina@globex.example"),
                object().put("acceptTerms", true).put("name", "Globex Networks"), 200);
        Map<String, String> ids = new HashMap<>();
        for (String[] customer : CUSTOMERS) {
            ObjectNode body = object().put("name", customer[1]).put("externalId", customer[2]).put("managedBy", customer[3]);
            HttpResponse<String> created = call("POST", "/api/v1/customers", user(customer[0]), body, 201);
            ids.put(customer[2], id(created));
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String acmeOrders = machine("order-integrator-acme", "PARTNERHUB_ACME_ORDER_INTEGRATOR_SECRET");
        String globexOrders = machine("order-integrator-globex", "PARTNERHUB_GLOBEX_ORDER_INTEGRATOR_SECRET");
        order(acmeOrders, "CCW-A-1001", known(ids.get("ACME-0001")), "SUB-ACME-0001", today.minusDays(200), true,
                line("MEETINGS", "A-MTG-ENT", 50), line("CALLING", "A-CALL-PRO", 40));
        order(acmeOrders, "CCW-A-1002", known(ids.get("ACME-0002")), "SUB-ACME-0002", today.minusYears(1).plusDays(2), false,
                line("MEETINGS", "A-MTG-ENT", 100));
        ObjectNode onlyCcwKnows = object();
        onlyCcwKnows.putObject("customer").put("externalId", "ACME-0005").put("name", "Fukuoka Retail").put("managedBy", "PARTNER");
        order(acmeOrders, "CCW-A-1003", onlyCcwKnows, "SUB-ACME-0005", today.plusDays(7), true, line("CALLING", "A-CALL-PRO", 25));
        order(globexOrders, "CCW-G-2001", known(ids.get("GLOBEX-0001")), "SUB-GLOBEX-0001", today.minusDays(90), true,
                line("CALLING", "A-CALL-PRO", 30), line("MEETINGS", "A-MTG-ENT", 30));
        call("POST", "/api/v1/subscriptions/SUB-ACME-0001/provision", user("alice@acme.example"), null, 200);
        call("POST", "/api/v1/subscriptions/SUB-ACME-0002/provision", user("alice@acme.example"), null, 200);
        call("POST", "/api/v1/subscriptions/SUB-GLOBEX-0001/provision", user("gina@globex.example"), null, 200);
        ObjectNode trial = object();
        trial.putArray("products").add("MEETINGS").add("CALLING");
        trial.put("licenses", 25).put("durationDays", 30);
        call("POST", "/api/v1/customers/" + ids.get("ACME-0003") + "/trials", user("alice@acme.example"), trial, 201);
        // adam's customer: an auto-renew term ending in about two months, with few licenses assigned
        order(acmeOrders, "CCW-A-1004", known(ids.get("ACME-0004")), "SUB-ACME-0004", today.minusDays(300), true,
                line("MEETINGS", "A-MTG-ENT", 20), line("CALLING", "A-CALL-PRO", 20));
        call("POST", "/api/v1/subscriptions/SUB-ACME-0004/provision", user("alice@acme.example"), null, 200);
        String usage = machine("usage-ingest-acme", "PARTNERHUB_ACME_USAGE_INGEST_SECRET");
        call("POST", "/api/v1/license-usage", usage, weeklyUsage(today), 200);
        call("POST", "/api/v1/license-usage", machine("usage-ingest-globex", "PARTNERHUB_GLOBEX_USAGE_INGEST_SECRET"), Json.array()
                .add(snapshot("SUB-GLOBEX-0001", "CALLING", today, 26, 18))
                .add(snapshot("SUB-GLOBEX-0001", "MEETINGS", today, 12, 9)), 200);
        call("POST", "/api/v1/admin-activity", usage, Json.array()
                .add(object().put("customerId", ids.get("ACME-0001")).put("at", today.minusDays(1) + "T09:00:00Z")), 200);
        String vip = id(call("POST", "/api/v1/tags", user("alice@acme.example"),
                object().put("name", "VIP").put("color", "#D4AF37").put("description", "Top accounts"), 201));
        String risk = id(call("POST", "/api/v1/tags", user("alice@acme.example"),
                object().put("name", "Renewal risk").put("color", "#C0392B").put("description", "Talk to them before the term ends"), 201));
        call("PUT", "/api/v1/customers/" + ids.get("ACME-0001") + "/tags/" + vip, user("alice@acme.example"), null, 204);
        call("PUT", "/api/v1/customers/" + ids.get("ACME-0002") + "/tags/" + risk, user("alice@acme.example"), null, 204);
    }

    /**
     * Nine weekly license snapshots up to today, so the trend has points and the weekly changes are not zero: Acme's
     * Meetings and Calling lines end in overage (SUB-ACME-0002 Meetings, SUB-ACME-0001 Calling) and SUB-ACME-0004
     * stays far below the partner's median allocation.
     */
    private static ArrayNode weeklyUsage(LocalDate today) {
        ArrayNode snapshots = Json.array();
        for (int week = 8; week >= 0; week--) {
            LocalDate date = today.minusWeeks(week);
            int grown = 8 - week;
            snapshots.add(snapshot("SUB-ACME-0001", "MEETINGS", date, 37 + grown, 25 + grown));
            snapshots.add(snapshot("SUB-ACME-0001", "CALLING", date, 36 + grown, 18 + grown / 4));
            snapshots.add(snapshot("SUB-ACME-0002", "MEETINGS", date, 97 + grown, 60 + grown));
            snapshots.add(snapshot("SUB-ACME-0004", "MEETINGS", date, 2, 1));
            snapshots.add(snapshot("SUB-ACME-0004", "CALLING", date, 1, 1));
        }
        return snapshots;
    }

    private static ObjectNode snapshot(String subscriptionId, String product, LocalDate date, int assigned, int used) {
        return object().put("subscriptionId", subscriptionId).put("product", product).put("date", date.toString())
                .put("assigned", assigned).put("used", used);
    }

    private static ObjectNode object() {
        return Json.object();
    }

    /** The order's customer part for a customer Partner Hub already knows. */
    private static ObjectNode known(String customerId) {
        return object().put("customerId", customerId);
    }

    private static ObjectNode line(String product, String sku, int quantity) {
        return object().put("product", product).put("sku", sku).put("quantity", quantity);
    }

    /** {@code customer} holds either {@code customerId} or a new {@code customer} object, as the order API takes. */
    private void order(String token, String ccwOrderId, ObjectNode customer, String subscriptionId, LocalDate start, boolean autoRenew,
                       ObjectNode... lines) throws IOException, InterruptedException {
        ObjectNode order = object().put("ccwOrderId", ccwOrderId);
        order.setAll(customer);
        order.put("subscriptionId", subscriptionId).put("startDate", start.toString()).put("termMonths", 12).put("autoRenew", autoRenew);
        order.putArray("lines").addAll(List.of(lines));
        call("POST", "/api/v1/orders", token, order, 201);
    }

    private HttpResponse<String> call(String method, String path, String token, JsonNode json, int expected)
            throws IOException, InterruptedException {
        String body = json == null ? null : Json.write(json);
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private String user(String username) throws IOException {
        return token(tokens.computeIfAbsent(username, name -> KeycloakTokens.refreshingPassword(
                system.keycloak().realmUrl(), name, system.secret("PARTNERHUB_DEMO_PASSWORD"))));
    }

    private String machine(String clientId, String secretName) throws IOException {
        return token(tokens.computeIfAbsent(clientId, name -> KeycloakTokens.refreshingClientCredentials(
                system.keycloak().realmUrl(), name, system.secret(secretName))));
    }

    /** Access tokens live 5 minutes: each caller's supplier fetches a new one before it expires. */
    private static String token(Supplier<String> supplier) throws IOException {
        try {
            return supplier.get();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String id(HttpResponse<String> response) throws IOException {
        JsonNode id = JSON.readTree(response.body()).path("id");
        if (!id.isTextual()) {
            throw new IOException("no id in " + response.body());
        }
        return id.asText();
    }
}
