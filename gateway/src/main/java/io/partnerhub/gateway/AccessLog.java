package io.partnerhub.gateway;

import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One line per request on category {@code io.partnerhub.gateway.access}: request id, method, route template,
 * status, partner and duration. The same values go to the MDC, so the JSON log has them as fields.
 */
final class AccessLog {

    static final String CATEGORY = "io.partnerhub.gateway.access";
    static final String PARTNER_KEY = "partnerhub.partner";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private AccessLog() {
    }

    static void log(RoutingContext context, String requestId, long startedNanos) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        String method = context.request().method().name();
        String route = RouteTemplates.of(context.request().path());
        int status = context.response().getStatusCode();
        String partner = context.get(PARTNER_KEY);
        MDC.put("requestId", requestId);
        MDC.put("method", method);
        MDC.put("route", route);
        MDC.put("status", status);
        MDC.put("partner", partner == null ? "-" : partner);
        MDC.put("durationMs", millis);
        try {
            LOG.infof("requestId=%s method=%s route=%s status=%d partner=%s durationMs=%d",
                    requestId, method, route, status, partner == null ? "-" : partner, millis);
        } finally {
            for (String key : new String[] {"requestId", "method", "route", "status", "partner", "durationMs"}) {
                MDC.remove(key);
            }
        }
    }
}
