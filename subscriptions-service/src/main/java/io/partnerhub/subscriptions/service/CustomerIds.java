package io.partnerhub.subscriptions.service;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of a customer that an order names by external id only. Name-based (UUID v3) from the partner and the
 * external id, so every order, replay and service derives the same id without waiting for customers-service.
 */
public final class CustomerIds {

    private CustomerIds() {
    }

    public static UUID forExternalId(String partnerOrgId, String externalId) {
        return UUID.nameUUIDFromBytes(("partnerhub:customer:" + partnerOrgId + ":" + externalId).getBytes(StandardCharsets.UTF_8));
    }
}
