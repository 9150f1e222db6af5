package io.partnerhub.analytics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/** An exact non-negative fraction, so allocation ratios and their median compare without rounding. */
public record Ratio(BigInteger numerator, BigInteger denominator) implements Comparable<Ratio> {

    public Ratio {
        if (denominator.signum() <= 0) {
            throw new IllegalArgumentException("denominator must be positive");
        }
    }

    public static Ratio of(long numerator, long denominator) {
        return new Ratio(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    public static Ratio of(BigDecimal value) {
        BigDecimal exact = value.stripTrailingZeros();
        if (exact.scale() <= 0) {
            return new Ratio(exact.toBigIntegerExact(), BigInteger.ONE);
        }
        return new Ratio(exact.unscaledValue(), BigInteger.TEN.pow(exact.scale()));
    }

    public Ratio times(Ratio other) {
        return new Ratio(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public Ratio plus(Ratio other) {
        return new Ratio(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Ratio half() {
        return new Ratio(numerator, denominator.shiftLeft(1));
    }

    @Override
    public int compareTo(Ratio other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    /** Whether part / whole is below this ratio, in whole numbers. */
    public boolean exceeds(long part, long whole) {
        return BigInteger.valueOf(part).multiply(denominator).compareTo(numerator.multiply(BigInteger.valueOf(whole))) < 0;
    }

    /** As a percentage, one decimal, half up. */
    public BigDecimal percent() {
        return new BigDecimal(numerator).multiply(BigDecimal.valueOf(100))
                .divide(new BigDecimal(denominator), MathContext.DECIMAL128).setScale(1, RoundingMode.HALF_UP);
    }
}
