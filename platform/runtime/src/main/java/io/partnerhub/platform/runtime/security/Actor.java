package io.partnerhub.platform.runtime.security;

/**
 * The caller as service code needs it, taken once from the token at the edge of a request so reactive chains
 * carry plain values.
 *
 * @param partnerOrgId       the tenant every query is scoped by
 * @param subject            the token subject (an admin id, or a machine client's service account)
 * @param assignedOnly       a partner-admin: sees only the customers assigned to them or created by them
 */
public record Actor(String partnerOrgId, String subject, boolean assignedOnly) {
}
