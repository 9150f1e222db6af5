package io.partnerhub.customers.rest;

import io.partnerhub.platform.runtime.idempotency.IdempotencyKeys;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The answer to a replayed {@code Idempotency-Key}: the first answer's status, Location and body, marked as a replay. */
final class Replays {

    private Replays() {
    }

    static Response answer(IdempotencyKeys.Answer answer, UriInfo uri) {
        Response.ResponseBuilder builder = Response.status(answer.status()).header(IdempotencyKeys.REPLAYED_HEADER, "true");
        if (answer.resourceId() != null) {
            builder.location(uri.getAbsolutePathBuilder().path(answer.resourceId()).build());
        }
        if (answer.body() != null) {
            builder.entity(answer.body()).type(MediaType.APPLICATION_JSON);
        }
        return builder.build();
    }
}
