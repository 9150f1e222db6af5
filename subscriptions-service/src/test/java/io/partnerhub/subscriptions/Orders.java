package io.partnerhub.subscriptions;

import java.util.UUID;

/** Order bodies for tests. */
public final class Orders {

    private Orders() {
    }

    public static String body(String ccwOrderId, int revision, String customerId, String subscriptionId, String startDate,
                              int termMonths, boolean autoRenew, int meetings, int calling) {
        return """
                {"ccwOrderId":"%s","revision":%d,"customerId":"%s","subscriptionId":"%s","startDate":"%s",
                 "termMonths":%d,"autoRenew":%s,"lines":[{"product":"MEETINGS","sku":"A-MTG","quantity":%d},
                 {"product":"CALLING","sku":"A-CALL","quantity":%d}]}
                """.formatted(ccwOrderId, revision, customerId, subscriptionId, startDate, termMonths, autoRenew, meetings, calling);
    }

    /**
     * An order for a customer only CCW knows yet ({@code customer{externalId, name, managedBy}}): the customer id is the
     * one derived from the external id; returns the subscription id.
     */
    public static String placeForNewCustomer(Callers partner, String externalId, String startDate) {
        String sub = "SUB-" + UUID.randomUUID();
        partner.integrator().body("""
                        {"ccwOrderId":"CCW-%s","customer":{"externalId":"%s","name":"Ordered %s","managedBy":"PARTNER"},
                         "subscriptionId":"%s","startDate":"%s","termMonths":12,"autoRenew":true,
                         "lines":[{"product":"MEETINGS","sku":"A-MTG","quantity":10},{"product":"CALLING","sku":"A-CALL","quantity":5}]}
                        """.formatted(UUID.randomUUID(), externalId, externalId, sub, startDate))
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
