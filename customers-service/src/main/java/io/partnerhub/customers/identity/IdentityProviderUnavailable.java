package io.partnerhub.customers.identity;

/** Keycloak's Admin REST API could not be reached or failed: a 503 with Retry-After for a request that needs it. */
public class IdentityProviderUnavailable extends RuntimeException {

    public IdentityProviderUnavailable(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
