package io.partnerhub.subscriptions.service;

/** An HTTP answer of a create, as stored for Idempotency-Key replays: status and JSON body. */
public record Answer(int status, String body) {
}
