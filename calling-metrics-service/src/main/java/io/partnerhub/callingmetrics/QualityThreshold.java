package io.partnerhub.callingmetrics;

import java.math.BigDecimal;

/**
 * When a customer's week counts as degraded: at least {@code minCalls} calls and a poor-call share at or above
 * {@code thresholdPct}. An event is due when a week crosses from not degraded to degraded (once per crossing, not
 * on every record that keeps it degraded).
 */
public record QualityThreshold(BigDecimal thresholdPct, long minCalls) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public boolean degraded(long calls, long poorCalls) {
        return calls > 0 && calls >= minCalls
                && HUNDRED.multiply(BigDecimal.valueOf(poorCalls)).compareTo(thresholdPct.multiply(BigDecimal.valueOf(calls))) >= 0;
    }

    /** True when adding {@code addedCalls} (of which {@code addedPoor} poor) moved the week from not degraded to degraded. */
    public boolean crossed(long callsAfter, long poorAfter, long addedCalls, long addedPoor) {
        return degraded(callsAfter, poorAfter) && !degraded(callsAfter - addedCalls, poorAfter - addedPoor);
    }
}
