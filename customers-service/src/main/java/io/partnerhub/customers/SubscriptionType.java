package io.partnerhub.customers;

public enum SubscriptionType {
    SUBSCRIPTION, TRIAL
}
