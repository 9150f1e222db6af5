package io.partnerhub.gateway;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id: the caller's {@code X-Request-Id} when it is a safe token, else a new UUID. */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    static String accept(String offered) {
        return offered != null && SAFE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
