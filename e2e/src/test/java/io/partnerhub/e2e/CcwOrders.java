package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;

/** CCW orders as an order integrator sends them: a MEETINGS line and, when given, a CALLING line. */
final class CcwOrders {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CcwOrders() {
    }

    /**
     * Order {@code n} of a test: CCW order id {@code CCW-<prefix>-<n>}, customer external id {@code EXT-<prefix>-<n>},
     * managed by the partner, no auto-renewal.
     */
    static ObjectNode order(String prefix, String n, String subscriptionId, String name, LocalDate start, int termMonths,
                            int meetings, Integer calling) {
        ObjectNode order = JSON.createObjectNode();
        order.put("ccwOrderId", "CCW-" + prefix + "-" + n);
        ObjectNode customer = order.putObject("customer");
        customer.put("externalId", "EXT-" + prefix + "-" + n);
        customer.put("name", name);
        customer.put("managedBy", "PARTNER");
        order.put("subscriptionId", subscriptionId);
        order.put("startDate", start.toString());
        order.put("termMonths", termMonths);
        order.put("autoRenew", false);
        ArrayNode lines = order.putArray("lines");
        ObjectNode line = lines.addObject();
        line.put("product", "MEETINGS");
        line.put("sku", "A-MTG-ENT");
        line.put("quantity", meetings);
        if (calling != null) {
            ObjectNode callingLine = lines.addObject();
            callingLine.put("product", "CALLING");
            callingLine.put("sku", "A-CALL-PRO");
            callingLine.put("quantity", calling);
        }
        return order;
    }
}
