package io.partnerhub.customers.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Thresholds of the time-based statuses (docs/product-rules.md, Statuses). */
@ConfigMapping(prefix = "partnerhub.statuses")
public interface StatusConfig {

    /** EXPIRING_SOON: a live subscription or trial ends within this many days and will not auto-renew. */
    @WithDefault("3")
    int expiringSoonDays();

    /** NO_RECENT_ACTIVITY: the latest customer-admin sign-in (or creation) is this many days or more before asOf. */
    @WithDefault("30")
    int noRecentActivityDays();

    /** How often the stored statuses are checked for being of today (CustomerStatusRefresh), as the scheduler reads it. */
    @WithDefault("60s")
    String refreshEvery();
}
