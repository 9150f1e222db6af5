package io.partnerhub.customers;

/** The lifecycle statuses of a customer (a customer has a set of them at a date). */
public enum CustomerStatus {
    TRIAL, ACTIVE, EXPIRING_SOON, LICENSE_OVERAGE, NO_RECENT_ACTIVITY, ORDER_READY, SUSPENDED, EXPIRED
}
