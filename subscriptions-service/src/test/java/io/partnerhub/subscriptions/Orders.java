package io.partnerhub.subscriptions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerhub.platform.devstack.Json;
import java.util.UUID;

/** Order bodies for tests. */
public final class Orders {

    private Orders() {
    }

    public static String body(String ccwOrderId, int revision, String customerId, String subscriptionId, String startDate,
                              int termMonths, boolean autoRenew, int meetings, int calling) {
        ObjectNode order = Json.object().put("ccwOrderId", ccwOrderId).put("revision", revision).put("customerId", customerId)
                .put("subscriptionId", subscriptionId).put("startDate", startDate).put("termMonths", termMonths)
                .put("autoRenew", autoRenew);
        order.putArray("lines")
                .add(line("MEETINGS", "A-MTG", meetings))
                .add(line("CALLING", "A-CALL", calling));
        return order.toString();
    }

    public static ObjectNode line(String product, String sku, int quantity) {
        return Json.object().put("product", product).put("sku", sku).put("quantity", quantity);
    }

    /** A batch body: the items (each an order's JSON text) in one JSON array. */
    public static String batch(String... items) {
        ArrayNode batch = Json.array();
        for (String item : items) {
            batch.add(Json.read(item));
        }
        return batch.toString();
    }

    /**
     * An order for a customer only CCW knows yet ({@code customer{externalId, name, managedBy}}): the customer id is the
     * one derived from the external id; returns the subscription id.
     */
    public static String placeForNewCustomer(Callers partner, String externalId, String startDate) {
        String sub = "SUB-" + UUID.randomUUID();
        ObjectNode order = Json.object().put("ccwOrderId", "CCW-" + UUID.randomUUID());
        order.putObject("customer").put("externalId", externalId).put("name", "Ordered " + externalId).put("managedBy", "PARTNER");
        order.put("subscriptionId", sub).put("startDate", startDate).put("termMonths", 12).put("autoRenew", true);
        order.putArray("lines").add(line("MEETINGS", "A-MTG", 10)).add(line("CALLING", "A-CALL", 5));
        partner.integrator().body(order.toString())
                .post("/api/v1/orders").then().statusCode(201);
        return sub;
    }

    /** A one-year MEETINGS+CALLING order for a customer of the partner; returns the subscription id. */
    public static String place(Callers partner, String customerId, String startDate, int termMonths, boolean autoRenew) {
        String sub = "SUB-" + UUID.randomUUID();
        partner.integrator().body(body("CCW-" + UUID.randomUUID(), 1, customerId, sub, startDate, termMonths, autoRenew, 10, 5))
                .post("/api/v1/orders").then().statusCode(201);
        return sub;
    }
}
