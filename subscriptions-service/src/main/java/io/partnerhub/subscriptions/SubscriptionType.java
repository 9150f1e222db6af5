package io.partnerhub.subscriptions;

/** A trial is a subscription with type TRIAL, so every consumer treats both alike. */
public enum SubscriptionType {
    SUBSCRIPTION, TRIAL
}
