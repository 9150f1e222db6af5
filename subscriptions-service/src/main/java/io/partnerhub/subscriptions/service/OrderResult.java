package io.partnerhub.subscriptions.service;

/** The answer to an order: what it created or changed. A replay answers the first result again. */
public record OrderResult(String orderId, String subscriptionId, String customerId, int revision, String status) {
}
