package io.partnerhub.platform.runtime.housekeeping;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Retention of the platform tables (see {@link Housekeeping}). */
@ConfigMapping(prefix = "partnerhub.housekeeping")
public interface HousekeepingConfig {

    /** How often the purge runs (a Quarkus scheduler period, e.g. {@code 1h}). */
    @WithDefault("1h")
    String every();

    /** How long after start the first purge runs. */
    @WithDefault("5m")
    String delayed();

    /** How long an outbox event is kept after it was sent (an unsent event is never purged). */
    @WithDefault("P7D")
    Duration outboxRetention();

    /**
     * How long a consumer remembers an event id it processed. A redelivery older than this is still recognised by the
     * aggregate version (or revision, or event time) its read model keeps, so it changes nothing.
     */
    @WithDefault("P30D")
    Duration processedRetention();

    /** Rows deleted per transaction. */
    @WithDefault("1000")
    int batchSize();
}
