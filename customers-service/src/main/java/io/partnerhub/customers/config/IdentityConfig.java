package io.partnerhub.customers.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The admin directory's link to Keycloak (issue 14): the realm whose users the directory's admins are, and how the
 * identity sync worker applies pending changes. The Admin REST API client itself is configured by
 * {@code quarkus.keycloak.admin-client.*} (server URL, client id and secret of the service account).
 */
@ConfigMapping(prefix = "partnerhub.identity")
public interface IdentityConfig {

    /** The realm of the partner admins (the service account's client lives there too). */
    @WithDefault("partner-hub")
    String realm();

    /** How often the worker looks for pending changes. */
    @WithDefault("150ms")
    Duration syncEvery();

    /** First retry delay after Keycloak failed a change; it doubles with every further failure ... */
    @WithDefault("200ms")
    Duration firstRetry();

    /** ... up to this. */
    @WithDefault("30s")
    Duration maxRetry();

    /** A worker's lease on the changes it is applying; after it another replica may take them over. */
    @WithDefault("60s")
    Duration lease();

    /** Seconds a client is asked to wait (Retry-After) when Keycloak cannot be reached for POST /admins. */
    @WithDefault("5")
    int retryAfterSeconds();
}
