package io.partnerhub.subscriptions;

/** A line of a subscription: licenses of one product bought ({@code purchased}). */
public record Line(Product product, String sku, int purchased) {
}
