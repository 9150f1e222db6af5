package io.partnerhub.subscriptions.rest;

import io.partnerhub.platform.runtime.problem.ProblemException;
import java.util.UUID;

/** Path parameters: a malformed id names nothing (404). Query parameters are parsed by {@code QueryParams}. */
final class Params {

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile(OrderRequest.ID);

    private Params() {
    }

    static String externalId(String id, String what) {
        if (id == null || id.isEmpty() || id.length() > 64 || !ID.matcher(id).matches()) {
            throw ProblemException.notFound(what);
        }
        return id;
    }

    static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what);
        }
    }
}
