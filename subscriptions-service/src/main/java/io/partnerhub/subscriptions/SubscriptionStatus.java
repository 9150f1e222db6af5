package io.partnerhub.subscriptions;

public enum SubscriptionStatus {
    ORDER_READY, ACTIVE, SUSPENDED, EXPIRED, CANCELLED, CONVERTED
}
