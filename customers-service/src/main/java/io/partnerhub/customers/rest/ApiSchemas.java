package io.partnerhub.customers.rest;

import io.partnerhub.customers.repository.AuditQueries;
import io.partnerhub.customers.service.HelpDesk;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the customers-service answers that its resources build as maps or {@code Response}s, for the API
 * document only (nothing is serialised from these types).
 */
final class ApiSchemas {

    private ApiSchemas() {
    }

    static final String NULL_ON_LAST_PAGE = "The cursor of the next page; null on the last page";

    @Schema(name = "CustomerPage", description = "One page of customers")
    record CustomerPage(List<CustomerResponse> items, @Schema(nullable = true, description = NULL_ON_LAST_PAGE) String nextCursor) {
    }

    @Schema(name = "AuditPage", description = "One page of the audit log, newest first")
    record AuditPage(List<AuditQueries.Entry> items, @Schema(nullable = true, description = NULL_ON_LAST_PAGE) String nextCursor) {
    }

    @Schema(name = "CustomerAdminIds", description = "The ids (token subjects) of the admins assigned to the customer")
    record AdminIds(List<String> items) {
    }

    @Schema(name = "AdminList")
    record AdminList(List<PartnerResource.AdminResponse> items) {
    }

    @Schema(name = "TagList")
    record TagList(List<TagResource.TagResponse> items) {
    }

    @Schema(name = "HelpResourceList")
    record ResourceList(List<HelpDesk.Resource> items) {
    }

    @Schema(name = "SupportContactList")
    record ContactList(List<HelpDesk.Contact> items) {
    }

    @Schema(name = "SupportRequestList")
    record SupportRequestList(List<HelpDesk.SupportRequest> items) {
    }
}
