package io.partnerhub.gateway;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

@ConfigMapping(prefix = "partnerhub.gateway")
public interface GatewayConfig {

    /** Base URL per service: customers, subscriptions, analytics, calling_metrics. */
    Map<String, String> services();

    int connectTimeoutMillis();

    int upstreamTimeoutMillis();

    RateLimit rateLimit();

    /** Per partner, across all its callers: a burst of {@code capacity}, refilled by {@code refill} per {@code period}. */
    interface RateLimit {
        long capacity();

        long refill();

        java.time.Duration period();
    }
}
