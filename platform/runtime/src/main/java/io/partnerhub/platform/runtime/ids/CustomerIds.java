package io.partnerhub.platform.runtime.ids;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The customer id that belongs to a partner's external id (the CCW customer): the same in every service and on
 * every replay, so an order naming a new customer and a customer created through the API meet on one id
 * without either service calling the other.
 */
public final class CustomerIds {

    private CustomerIds() {
    }

    public static UUID fromExternalId(String partnerOrgId, String externalId) {
        return UUID.nameUUIDFromBytes(("partnerhub:customer:" + partnerOrgId + ":" + externalId).getBytes(StandardCharsets.UTF_8));
    }
}
