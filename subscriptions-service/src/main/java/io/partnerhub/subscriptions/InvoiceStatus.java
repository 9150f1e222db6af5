package io.partnerhub.subscriptions;

public enum InvoiceStatus {
    OPEN, PAID, OVERDUE
}
