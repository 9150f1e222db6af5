package io.partnerhub.gateway;

import java.util.Set;

/**
 * A request path as its route template, for metric labels and the access log: every segment that is not a fixed
 * word of the API ({@code customers}, {@code subscriptions}, {@code kpis}, ...) is an id and becomes {@code {id}},
 * so {@code /api/v1/customers/6f1c.../subscriptions} is {@code /api/v1/customers/{id}/subscriptions}.
 */
public final class RouteTemplates {

    static final String ID = "{id}";

    /** The fixed path segments of docs/api-reference.md's endpoints and of the gateway's own endpoints under {@code /q}. */
    private static final Set<String> LITERALS = Set.of(
            "api", "v1",
            "partner", "setup", "admins", "resources", "support", "contacts", "requests", "customers", "launch",
            "admin-activity", "tags", "audit",
            "orders", "batch", "subscriptions", "invoices", "payments", "trials", "convert", "extend", "license-usage",
            "provision", "suspend", "resume", "cancel", "bulk", "commit", "rollback",
            "analytics", "kpis", "expiring", "renewing", "recently-added", "low-allocation", "overage", "license-trend",
            "calling", "records", "usage", "users", "quality", "endpoints", "trend", "queues", "features",
            "q", "health", "ready", "live", "started", "metrics", "openapi", "swagger-ui");

    private RouteTemplates() {
    }

    public static String of(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        StringBuilder template = new StringBuilder(Math.min(path.length(), 128));
        int start = path.startsWith("/") ? 1 : 0;
        int segments = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            if (++segments > 12) {
                template.append("/…");
                break;
            }
            template.append('/');
            if (!segment.isEmpty()) {
                template.append(LITERALS.contains(segment) ? segment : ID);
            }
            start = end + 1;
        }
        return template.toString();
    }
}
