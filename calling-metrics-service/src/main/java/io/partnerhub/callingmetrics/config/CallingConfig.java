package io.partnerhub.callingmetrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;

@ConfigMapping(prefix = "partnerhub.calling")
public interface CallingConfig {

    /** Where calling events go ({@code partnerhub.calling.v1}). */
    @WithDefault("partnerhub.calling.v1")
    String topic();

    /** Most records one POST /calling/records may carry. */
    @WithDefault("10000")
    int maxRecordsPerRequest();

    /**
     * How many (user, 64-week block) rows of {@code user_activity} the service remembers as already holding their
     * weeks, so that ingest does not look them up again (about 150 bytes each; forgotten all at once when full).
     */
    @WithDefault("250000")
    int knownUserBlocks();

    /**
     * How long a batch naming a customer this service has not heard of yet waits for it to arrive from
     * customers-service ({@code partnerhub.customers.v1}) before its records are rejected (REST) or dead-lettered (topic).
     */
    @WithDefault("3s")
    java.time.Duration customerArrivalWait();

    /** How often that wait looks again. */
    @WithDefault("50ms")
    java.time.Duration customerArrivalPoll();

    QualityDegraded qualityDegraded();

    interface QualityDegraded {
        /** Poor-call share (0–100) at or above which a customer's week is degraded. */
        @WithDefault("20")
        BigDecimal thresholdPct();

        /** Fewer calls in a week never make it degraded (one bad call of two is noise). */
        @WithDefault("20")
        long minCalls();
    }
}
