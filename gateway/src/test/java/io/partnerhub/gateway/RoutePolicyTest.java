package io.partnerhub.gateway;

import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RoutePolicyTest {

    static String service(String method, String path) {
        return RoutePolicy.route(method, path).map(RoutePolicy.Route::service).orElse("none");
    }

    @Test
    void customerPathsGoToCustomersService() {
        assertEquals("customers", service("GET", "/api/v1/customers"));
        assertEquals("customers", service("GET", "/api/v1/customers/123"));
        assertEquals("customers", service("PUT", "/api/v1/customers/123/tags/9"));
        assertEquals("customers", service("GET", "/api/v1/customers/123/admins"));
        assertEquals("customers", service("POST", "/api/v1/customers/123/launch"));
        assertEquals("customers", service("GET", "/api/v1/partner"));
        assertEquals("customers", service("POST", "/api/v1/partner/setup"));
        assertEquals("customers", service("GET", "/api/v1/tags"));
        assertEquals("customers", service("GET", "/api/v1/audit"));
        assertEquals("customers", service("GET", "/api/v1/support/contacts"));
        assertEquals("customers", service("GET", "/api/v1/resources"));
        assertEquals("customers", service("POST", "/api/v1/admin-activity"));
    }

    @Test
    void customerSubResourcesOfSubscriptionsGoToSubscriptionsService() {
        assertEquals("subscriptions", service("GET", "/api/v1/customers/123/orders"));
        assertEquals("subscriptions", service("GET", "/api/v1/customers/123/subscriptions"));
        assertEquals("subscriptions", service("POST", "/api/v1/customers/123/trials"));
        assertEquals("subscriptions", service("POST", "/api/v1/orders/batch"));
        assertEquals("subscriptions", service("POST", "/api/v1/subscriptions/S-1/suspend"));
        assertEquals("subscriptions", service("POST", "/api/v1/invoices/9/payments"));
        assertEquals("subscriptions", service("POST", "/api/v1/trials/T-1/extend"));
        assertEquals("subscriptions", service("POST", "/api/v1/license-usage"));
    }

    @Test
    void analyticsAndCallingHaveTheirOwnServices() {
        assertEquals("analytics", service("GET", "/api/v1/analytics/kpis"));
        assertEquals("calling_metrics", service("GET", "/api/v1/calling/queues"));
        assertEquals("calling_metrics", service("POST", "/api/v1/calling/records"));
    }

    @Test
    void unknownPathsHaveNoRoute() {
        assertEquals("none", service("GET", "/api/v1/nothing"));
        assertEquals("none", service("GET", "/api/v2/customers"));
    }

    @Test
    void ingestionIsForMachineRolesOnly() {
        assertEquals(RoutePolicy.ORDER_INGEST, RoutePolicy.route("POST", "/api/v1/orders").get().roles());
        assertEquals(RoutePolicy.ORDER_INGEST, RoutePolicy.route("POST", "/api/v1/orders/batch").get().roles());
        assertEquals(RoutePolicy.USAGE_INGEST, RoutePolicy.route("POST", "/api/v1/license-usage").get().roles());
        assertEquals(RoutePolicy.USAGE_INGEST, RoutePolicy.route("POST", "/api/v1/admin-activity").get().roles());
        assertEquals(RoutePolicy.USAGE_INGEST, RoutePolicy.route("POST", "/api/v1/calling/records").get().roles());
        assertEquals(Optional.of(RoutePolicy.ADMIN_ROLES), RoutePolicy.route("GET", "/api/v1/calling/queues").map(RoutePolicy.Route::roles));
        assertEquals(Optional.of(RoutePolicy.ADMIN_ROLES), RoutePolicy.route("POST", "/api/v1/customers").map(RoutePolicy.Route::roles));
    }
}
