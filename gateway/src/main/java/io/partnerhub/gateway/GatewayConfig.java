package io.partnerhub.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "partnerhub.gateway")
public interface GatewayConfig {

    /**
     * Base URL per service: customers, subscriptions, analytics, calling_metrics; several instances of a service as a
     * comma-separated list, taken in turn ({@link Upstreams}).
     */
    Map<String, String> services();

    int connectTimeoutMillis();

    /** How long an instance that refused a connection gets no request (while the service has another one). */
    @WithDefault("5000")
    long unreachableSkipMillis();

    /** How long a service may stay silent (no byte of its answer) before the caller gets a 504. */
    int upstreamTimeoutMillis();

    /**
     * The gateway's public base URL ({@code https://api.example.com}): what every absolute URL in an answer's
     * {@code Location}/{@code Link} starts with. Unset: from the trusted forwarded headers, else the request's own
     * scheme and {@code Host}.
     */
    Optional<String> publicBaseUrl();

    /** Whether {@code Forwarded} / {@code X-Forwarded-Proto|Host|Port} come from a proxy of ours and may be believed. */
    @WithDefault("false")
    boolean trustForwardedHeaders();

    /** Longest request target (path and query) answered; longer is a 414 problem. */
    @WithDefault("4096")
    int maxUrlLength();

    /** Most bytes of request headers (names and values) answered; more is a 431 problem. */
    @WithDefault("8192")
    int maxHeaderBytes();

    /** Largest declared request body ({@code Content-Length}) forwarded; more is a 413 problem. */
    @WithDefault("16777216")
    long maxBodyBytes();

    Cors cors();

    RateLimit rateLimit();

    Health health();

    /** Browser origins allowed to call the API cross-origin; none by default (no CORS header for anyone). */
    interface Cors {
        Optional<List<String>> origins();

        @WithDefault("600")
        int maxAgeSeconds();
    }

    /** Per partner, across all its callers: a burst of {@code capacity}, refilled by {@code refill} per {@code period}. */
    interface RateLimit {
        long capacity();

        long refill();

        Duration period();
    }

    interface Health {
        /** The realm whose discovery document must answer for the gateway to be ready (empty: not checked). */
        Optional<String> identityProviderUrl();

        /**
         * Base URL of each service's management interface, whose {@code /q/health/ready} must answer 200 (same names
         * as {@link GatewayConfig#services()}; a comma-separated list, in the same order, for several instances); a
         * service without one is probed at its base URL.
         */
        Map<String, String> services();

        /**
         * How often the readiness of each instance of a service with several instances is asked; an instance not
         * ready gets no request until it is again (0: never asked).
         */
        @WithDefault("1000")
        long instanceProbeMillis();

        @WithDefault("2000")
        int timeoutMillis();
    }
}
