package io.partnerhub.subscriptions.rest;

import io.partnerhub.subscriptions.service.Answer;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Stored or fresh answers of creates as HTTP answers: a replay says so in {@code Idempotent-Replayed: true}. */
final class Answers {

    private Answers() {
    }

    static Response.ResponseBuilder builder(Answer answer) {
        Response.ResponseBuilder builder = Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body());
        if (answer.replayed()) {
            builder.header(Answer.REPLAYED_HEADER, "true");
        }
        return builder;
    }

    static Response of(Answer answer) {
        return builder(answer).build();
    }
}
