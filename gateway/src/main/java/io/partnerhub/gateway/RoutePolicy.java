package io.partnerhub.gateway;

import io.partnerhub.platform.core.security.Roles;
import java.util.Optional;
import java.util.Set;

/**
 * Which service owns a path of {@code /api/v1} (docs/api-reference.md), and which roles may call it. The services check
 * roles again in detail; the gateway stops what no role of the caller could ever do.
 */
public final class RoutePolicy {

    public static final String PREFIX = "/api/v1/";

    public static final Set<String> ADMIN_ROLES = Roles.ADMINS;
    public static final Set<String> ORDER_INGEST = Set.of(Roles.ORDER_INTEGRATOR);
    public static final Set<String> USAGE_INGEST = Set.of(Roles.USAGE_INGEST);

    private static final Set<String> CUSTOMERS = Set.of("partner", "admins", "resources", "support", "customers",
            "admin-activity", "tags", "audit");
    private static final Set<String> SUBSCRIPTIONS = Set.of("orders", "subscriptions", "invoices", "trials", "license-usage");
    private static final Set<String> SUBSCRIPTION_SUB_RESOURCES = Set.of("orders", "subscriptions", "trials");

    public record Route(String service, Set<String> roles) {
    }

    private RoutePolicy() {
    }

    public static Optional<Route> route(String method, String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] segments = path.substring(PREFIX.length()).split("/");
        String first = segments[0];
        String service;
        if (SUBSCRIPTIONS.contains(first)
                || (first.equals("customers") && segments.length >= 3 && SUBSCRIPTION_SUB_RESOURCES.contains(segments[2]))) {
            service = "subscriptions";
        } else if (CUSTOMERS.contains(first)) {
            service = "customers";
        } else if (first.equals("analytics")) {
            service = "analytics";
        } else if (first.equals("calling")) {
            service = "calling_metrics";
        } else {
            return Optional.empty();
        }
        return Optional.of(new Route(service, rolesFor(method, first, segments)));
    }

    private static Set<String> rolesFor(String method, String first, String[] segments) {
        boolean post = "POST".equals(method);
        if (post && first.equals("orders")) {
            return ORDER_INGEST;
        }
        if (post && (first.equals("license-usage") || first.equals("admin-activity"))) {
            return USAGE_INGEST;
        }
        if (post && first.equals("calling") && segments.length >= 2 && segments[1].equals("records")) {
            return USAGE_INGEST;
        }
        return ADMIN_ROLES;
    }
}
