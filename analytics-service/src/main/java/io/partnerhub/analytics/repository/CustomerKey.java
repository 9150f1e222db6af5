package io.partnerhub.analytics.repository;

import java.util.Comparator;
import java.util.UUID;

/** A customer of a partner: the unit whose contributions are computed again after a change. */
public record CustomerKey(String partnerOrgId, UUID customerId) {

    /** The one order in which keys are locked and written, so concurrent transactions never wait on each other in a circle. */
    public static final Comparator<CustomerKey> ORDER = Comparator.comparing(CustomerKey::partnerOrgId)
            .thenComparing(k -> k.customerId().toString());
}
