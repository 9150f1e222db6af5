package io.partnerhub.subscriptions.rest;

/**
 * One license usage snapshot of {@code POST /license-usage}. Fields are checked one snapshot at a time, so a
 * bad snapshot is rejected by index and never fails the others.
 */
public record UsageRequest(String subscriptionId, String product, String date, Integer assigned, Integer used) {
}
