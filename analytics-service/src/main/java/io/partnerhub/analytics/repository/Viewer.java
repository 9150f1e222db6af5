package io.partnerhub.analytics.repository;

import io.partnerhub.platform.runtime.inbox.CustomerScope;

/**
 * Whose figures a read is about: a partner's whole portfolio (deleted customers left out; a customer not known
 * from customers-service yet counts, without a name), or, for a partner-admin ({@code assignedTo}), the known
 * customers assigned to or created by them.
 */
public record Viewer(String partnerOrgId, String assignedTo) {

    public boolean wholePortfolio() {
        return assignedTo == null;
    }

    /**
     * SQL condition on the customer id in {@code column} of a row of the partner in {@code $1}; a partner-admin's
     * id is parameter {@code $adminParam}.
     */
    String condition(String column, int adminParam) {
        if (assignedTo != null) {
            return CustomerScope.visibleTo(column, "$1", "$" + adminParam);
        }
        return "not exists (select 1 from customer d where d.partner_org_id = $1 and d.customer_id = " + column + " and d.deleted)";
    }
}
