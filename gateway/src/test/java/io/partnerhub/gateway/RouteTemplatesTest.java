package io.partnerhub.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouteTemplatesTest {

    @Test
    void idsBecomeTheirPlaceholderFixedWordsStay() {
        assertEquals("/api/v1/customers", RouteTemplates.of("/api/v1/customers"));
        assertEquals("/api/v1/customers/{id}", RouteTemplates.of("/api/v1/customers/6f1c2e3d-4b5a-4c6d-8e7f-901234567890"));
        assertEquals("/api/v1/customers/{id}/subscriptions",
                RouteTemplates.of("/api/v1/customers/6f1c2e3d-4b5a-4c6d-8e7f-901234567890/subscriptions"));
        assertEquals("/api/v1/customers/{id}/tags/{id}", RouteTemplates.of("/api/v1/customers/c1/tags/t2"));
        assertEquals("/api/v1/subscriptions/{id}/suspend", RouteTemplates.of("/api/v1/subscriptions/SUB-00042/suspend"));
        assertEquals("/api/v1/invoices/{id}/payments", RouteTemplates.of("/api/v1/invoices/12345/payments"));
        assertEquals("/api/v1/analytics/kpis", RouteTemplates.of("/api/v1/analytics/kpis"));
        assertEquals("/api/v1/calling/usage/users", RouteTemplates.of("/api/v1/calling/usage/users"));
        assertEquals("/q/health/ready", RouteTemplates.of("/q/health/ready"));
    }

    @Test
    void unknownWordsAreNeverLabelsEither() {
        assertEquals("/api/v1/{id}", RouteTemplates.of("/api/v1/nothing-here"));
        assertEquals("/{id}", RouteTemplates.of("/wp-login.php"));
        assertEquals("/", RouteTemplates.of("/"));
        assertEquals("/api/v1/customers/", RouteTemplates.of("/api/v1/customers/"));
        assertEquals("/{id}/{id}/{id}/{id}/{id}/{id}/{id}/{id}/{id}/{id}/{id}/{id}/…", RouteTemplates.of("/1/2/3/4/5/6/7/8/9/10/11/12/13/14"));
    }
}
