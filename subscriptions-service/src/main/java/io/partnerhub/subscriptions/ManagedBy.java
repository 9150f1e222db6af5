package io.partnerhub.subscriptions;

/** How a new customer named in an order is managed: PARTNER (part of the partner org) or EXTERNAL. */
public enum ManagedBy {
    PARTNER, EXTERNAL
}
