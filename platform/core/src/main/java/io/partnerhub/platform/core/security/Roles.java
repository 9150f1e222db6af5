package io.partnerhub.platform.core.security;

import java.util.Set;

/** The realm roles of Keycloak realm {@code partner-hub}: the one list the services and the gateway check. */
public final class Roles {

    public static final String FULL_ADMIN = "partner-full-admin";
    public static final String ADMIN = "partner-admin";
    public static final String READ_ONLY_ADMIN = "partner-read-only-admin";
    public static final String ORDER_INTEGRATOR = "order-integrator";
    public static final String USAGE_INGEST = "usage-ingest";

    /** The three partner-admin roles: every read and change of the partner's data. */
    public static final Set<String> ADMINS = Set.of(FULL_ADMIN, ADMIN, READ_ONLY_ADMIN);

    private Roles() {
    }
}
