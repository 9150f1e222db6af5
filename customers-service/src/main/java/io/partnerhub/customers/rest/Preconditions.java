package io.partnerhub.customers.rest;

import io.partnerhub.platform.runtime.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;
import java.util.Optional;
import java.util.OptionalLong;

/** ETags and {@code If-Match} of versioned resources: the ETag is the version, {@code "3"}. */
final class Preconditions {

    private Preconditions() {
    }

    static EntityTag etag(long version) {
        return new EntityTag(String.valueOf(version));
    }

    /** {@code If-Match: "3"} (or W/"3"); absent or {@code *} = no precondition; anything else is a 400. */
    static OptionalLong version(String ifMatch) {
        return opaque(ifMatch).map(value -> {
            try {
                return OptionalLong.of(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("If-Match", "must be the ETag of the resource, e.g. \"3\"");
            }
        }).orElse(OptionalLong.empty());
    }

    /** The opaque value of an {@code If-Match} (quotes and W/ removed); empty when absent or {@code *}. */
    static Optional<String> opaque(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return Optional.empty();
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return Optional.of(value.replace("\"", ""));
    }
}
