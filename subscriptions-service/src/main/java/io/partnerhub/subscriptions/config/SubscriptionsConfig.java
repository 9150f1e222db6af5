package io.partnerhub.subscriptions.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "partnerhub.subscriptions")
public interface SubscriptionsConfig {

    /** Days an OVERDUE invoice may stay unpaid before its subscription is suspended. */
    @WithDefault("14")
    int invoiceGraceDays();

    /** How many rows one transaction of the lifecycle job handles. */
    @WithDefault("200")
    int jobBatchSize();
}
