package io.partnerhub.subscriptions.service;

/** @param created true when this call created the subscription (201), false for an amendment or a replay (200) */
public record OrderOutcome(boolean created, OrderResult result) {
}
