package io.partnerhub.subscriptions.service;

/**
 * @param created  true when this call created the subscription (201), false for an amendment or a replay (200)
 * @param replayed true when the revision was received before with the same content: nothing changed, the first result
 */
public record OrderOutcome(boolean created, OrderResult result, boolean replayed) {

    public OrderOutcome(boolean created, OrderResult result) {
        this(created, result, false);
    }
}
