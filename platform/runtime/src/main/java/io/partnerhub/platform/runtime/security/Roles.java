package io.partnerhub.platform.runtime.security;

/** The realm roles of Keycloak realm {@code partner-hub}. */
public final class Roles {

    public static final String FULL_ADMIN = "partner-full-admin";
    public static final String ADMIN = "partner-admin";
    public static final String READ_ONLY_ADMIN = "partner-read-only-admin";
    public static final String ORDER_INTEGRATOR = "order-integrator";
    public static final String USAGE_INGEST = "usage-ingest";

    private Roles() {
    }
}
