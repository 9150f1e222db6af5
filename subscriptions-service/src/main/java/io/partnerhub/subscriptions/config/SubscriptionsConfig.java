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

    /**
     * How long a request naming a customer this service has not heard of yet waits for the customer's event from
     * customers-service before it answers 404 (a customer created a moment ago is usually here within milliseconds).
     */
    @WithDefault("3s")
    java.time.Duration customerArrivalWait();

    /** How often the wait above looks again. */
    @WithDefault("50ms")
    java.time.Duration customerArrivalPoll();
}
