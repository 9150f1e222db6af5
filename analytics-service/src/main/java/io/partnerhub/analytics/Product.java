package io.partnerhub.analytics;

/** The products subscription analytics counts: a line is one subscription or trial × one of these. */
public enum Product {
    MEETINGS, CALLING;

    /** @return null for any other product (its lines are not counted) */
    public static Product of(String name) {
        for (Product product : values()) {
            if (product.name().equals(name)) {
                return product;
            }
        }
        return null;
    }
}
