package io.partnerhub.customers.mapping;

import io.partnerhub.customers.ManagedBy;
import io.partnerhub.customers.repository.CustomerRow;
import io.partnerhub.customers.rest.CustomerResponse;
import java.util.List;

public final class CustomerMapper {

    public static final List<String> CSV_HEADER = List.of("id", "name", "externalId", "managedBy", "statuses", "products",
            "subscriptionTypes", "tags", "adminIds", "lastAdminActivityAt", "createdAt", "version");

    private CustomerMapper() {
    }

    public static CustomerResponse toResponse(CustomerRow row) {
        return new CustomerResponse(row.id().toString(), row.name(), row.externalId(), ManagedBy.valueOf(row.managedBy()),
                row.statuses(), row.products(), row.subscriptionTypes(),
                row.tags().stream().map(t -> new CustomerResponse.TagRef(t.id().toString(), t.name(), t.color())).toList(),
                row.adminIds(), row.lastAdminActivityAt(), row.createdAt(), row.version());
    }

    /** A CSV row: list cells joined by ';'. */
    public static List<Object> toCsv(CustomerRow row) {
        return java.util.Arrays.asList(row.id(), row.name(), row.externalId(), row.managedBy(), String.join(";", row.statuses()),
                String.join(";", row.products()), String.join(";", row.subscriptionTypes()),
                String.join(";", row.tags().stream().map(CustomerRow.TagRef::name).toList()), String.join(";", row.adminIds()),
                row.lastAdminActivityAt(), row.createdAt(), row.version());
    }
}
