package io.partnerhub.customers.rest;

import io.partnerhub.customers.repository.AuditQueries;
import io.partnerhub.customers.repository.DirectoryQueries;
import io.partnerhub.customers.service.HelpDesk;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the customers-service answers that its resources build as {@code Response}s, for the API document
 * only (nothing is serialised from these types). Every list is one keyset page: {@code items} and {@code nextCursor}.
 */
final class ApiSchemas {

    private ApiSchemas() {
    }

    static final String NULL_ON_LAST_PAGE = "The cursor of the next page; null on the last page";
    static final String ETAG = "The resource's version: send it as If-Match to change it (412 when stale), as If-None-Match "
            + "to read it again (304 when unchanged)";

    @Schema(name = "CustomerPage", description = "One page of customers")
    record CustomerPage(List<CustomerResponse> items, @Schema(nullable = true, description = NULL_ON_LAST_PAGE) String nextCursor) {
    }

    @Schema(name = "AuditPage", description = "One page of the audit log, newest first")
    record AuditPage(List<AuditQueries.Entry> items, @Schema(nullable = true, description = NULL_ON_LAST_PAGE) String nextCursor) {
    }

    @Schema(name = "CustomerAdminPage", description = "One page of the admins assigned to a customer")
    record AssignedAdminPage(List<DirectoryQueries.AssignedAdmin> items,
                             @Schema(nullable = true, description = NULL_ON_LAST_PAGE) String nextCursor) {
    }

    @Schema(name = "AdminPage", description = "One page of the partner's admins")
    record AdminPage(List<PartnerResource.AdminResponse> items,
                     @Schema(nullable = true, description = NULL_ON_LAST_PAGE) String nextCursor) {
    }

    @Schema(name = "TagPage", description = "One page of the partner's tags")
    record TagPage(List<TagResource.TagResponse> items, @Schema(nullable = true, description = NULL_ON_LAST_PAGE) String nextCursor) {
    }

    @Schema(name = "HelpResourcePage", description = "One page of help resources")
    record ResourcePage(List<HelpDesk.Resource> items, @Schema(nullable = true, description = NULL_ON_LAST_PAGE) String nextCursor) {
    }

    @Schema(name = "SupportContactPage", description = "One page of support contacts")
    record ContactPage(List<HelpDesk.Contact> items, @Schema(nullable = true, description = NULL_ON_LAST_PAGE) String nextCursor) {
    }

    @Schema(name = "SupportRequestPage", description = "One page of the partner's support requests")
    record SupportRequestPage(List<HelpDesk.SupportRequest> items,
                              @Schema(nullable = true, description = NULL_ON_LAST_PAGE) String nextCursor) {
    }
}
