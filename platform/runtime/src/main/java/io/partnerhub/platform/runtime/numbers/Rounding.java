package io.partnerhub.platform.runtime.numbers;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** One decimal, half up, for every %, minutes, seconds and ratio the reads answer (docs/product-rules.md rounding rule). */
public final class Rounding {

    private static final MathContext EXACT_ENOUGH = new MathContext(34, RoundingMode.HALF_EVEN);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private Rounding() {
    }

    public static BigDecimal oneDecimal(BigDecimal value) {
        return value == null ? null : value.setScale(1, RoundingMode.HALF_UP);
    }

    /** 100 × part / whole, rounded; 0.0 when whole is 0. */
    public static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return oneDecimal(BigDecimal.ZERO);
        }
        return oneDecimal(HUNDRED.multiply(BigDecimal.valueOf(part)).divide(BigDecimal.valueOf(whole), EXACT_ENOUGH));
    }

    /** numerator / denominator, rounded; 0.0 when the denominator is 0 (e.g. calls per user without active users). */
    public static BigDecimal ratio(long numerator, long denominator) {
        if (denominator == 0) {
            return oneDecimal(BigDecimal.ZERO);
        }
        return oneDecimal(BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), EXACT_ENOUGH));
    }

    /** sum / count, rounded; null when there is nothing to average. */
    public static BigDecimal average(BigDecimal sum, long count) {
        if (count == 0) {
            return null;
        }
        return oneDecimal(sum.divide(BigDecimal.valueOf(count), EXACT_ENOUGH));
    }

    /** Σduration / 60, rounded. */
    public static BigDecimal minutes(long seconds) {
        return oneDecimal(BigDecimal.valueOf(seconds).divide(SIXTY, EXACT_ENOUGH));
    }

    /** 100 × (now − before) / before, rounded; null when before is 0. */
    public static BigDecimal changePct(long now, long before) {
        if (before == 0) {
            return null;
        }
        return oneDecimal(HUNDRED.multiply(BigDecimal.valueOf(now - before)).divide(BigDecimal.valueOf(before), EXACT_ENOUGH));
    }
}
