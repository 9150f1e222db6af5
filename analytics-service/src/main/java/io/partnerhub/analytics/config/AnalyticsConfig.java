package io.partnerhub.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;

@ConfigMapping(prefix = "partnerhub.analytics")
public interface AnalyticsConfig {

    /** A line is low-allocation when its assigned/purchased ratio is below this factor × the median ratio. */
    @WithDefault("0.5")
    BigDecimal lowAllocationFactor();

    /** How often leftover recomputes are picked up (read by the scheduler). */
    @WithDefault("5s")
    String sweepEvery();
}
