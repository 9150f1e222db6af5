package io.partnerhub.callingmetrics;

import java.math.BigDecimal;

/**
 * The poor-call rule: packet loss &gt; 5 %, or jitter &gt; 150 ms, or round-trip latency &gt; 400 ms, or MOS &lt; 3.5.
 * A missing value never makes a call poor.
 */
public final class CallQuality {

    public static final BigDecimal MAX_PACKET_LOSS_PCT = new BigDecimal("5");
    public static final BigDecimal MAX_JITTER_MS = new BigDecimal("150");
    public static final BigDecimal MAX_LATENCY_MS = new BigDecimal("400");
    public static final BigDecimal MIN_MOS = new BigDecimal("3.5");

    private CallQuality() {
    }

    public static boolean isPoor(BigDecimal mos, BigDecimal packetLossPct, BigDecimal jitterMs, BigDecimal latencyMs) {
        return above(packetLossPct, MAX_PACKET_LOSS_PCT)
                || above(jitterMs, MAX_JITTER_MS)
                || above(latencyMs, MAX_LATENCY_MS)
                || (mos != null && mos.compareTo(MIN_MOS) < 0);
    }

    private static boolean above(BigDecimal value, BigDecimal limit) {
        return value != null && value.compareTo(limit) > 0;
    }
}
