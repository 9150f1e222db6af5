package io.partnerhub.subscriptions;

/**
 * A line with its license values at a date: assigned and used are the latest snapshot on or before it (0 if
 * none); available = max(purchased − assigned, 0), overage = max(assigned − purchased, 0).
 */
public record LineUsage(Product product, String sku, int purchased, int assigned, int used) {

    public int available() {
        return Math.max(purchased - assigned, 0);
    }

    public int overage() {
        return Math.max(assigned - purchased, 0);
    }
}
