package io.partnerhub.analytics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The low-allocation rule: a line is low when its ratio assigned / purchased is below {@code factor} × the median
 * ratio of the partner's eligible lines of that product. The median of an even count is the mean of the two
 * middle ratios; all of it exact.
 */
public final class Median {

    private Median() {
    }

    /** The median of the ratios, empty when there are none. */
    public static Optional<Ratio> of(Collection<Ratio> ratios) {
        if (ratios.isEmpty()) {
            return Optional.empty();
        }
        List<Ratio> sorted = new ArrayList<>(ratios);
        sorted.sort(null);
        int n = sorted.size();
        return Optional.of(ofMiddle(n, sorted.get((n - 1) / 2), sorted.get(n / 2)));
    }

    /**
     * The median of {@code count} sorted ratios from its middle ones: the ratio at index (count − 1) / 2 and the one
     * at count / 2 (the same one when count is odd).
     */
    public static Ratio ofMiddle(long count, Ratio lower, Ratio upper) {
        return count % 2 == 1 ? lower : lower.plus(upper).half();
    }

    /** The ratio a line must be below to be low. */
    public static Ratio threshold(Ratio median, Ratio factor) {
        return median.times(factor);
    }

    public static boolean isLow(long assigned, long purchased, Ratio threshold) {
        return threshold.exceeds(assigned, purchased);
    }
}
