package io.partnerhub.platform.runtime.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "partnerhub.outbox")
public interface OutboxConfig {

    Relay relay();

    interface Relay {
        /** Off only in tests that examine the outbox table itself. */
        @WithDefault("true")
        boolean enabled();

        /** Fallback poll when no NOTIFY arrives. */
        @WithDefault("1000")
        int pollMillis();

        /** How often a standby replica checks whether the active relay is gone. */
        @WithDefault("5000")
        int standbyPollMillis();

        @WithDefault("15000")
        int ackTimeoutMillis();

        @WithDefault("1000")
        int retryMillis();
    }
}
