package io.partnerhub.subscriptions.service;

/**
 * An HTTP answer of a create, as stored for Idempotency-Key replays: status and JSON body; {@code replayed} when it is
 * the answer of an earlier request (the same Idempotency-Key, or an order revision received before), which the
 * answer says in header {@code Idempotent-Replayed: true}.
 */
public record Answer(int status, String body, boolean replayed) {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
}
