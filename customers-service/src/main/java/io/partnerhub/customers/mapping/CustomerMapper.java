package io.partnerhub.customers.mapping;

import io.partnerhub.customers.Customer;
import io.partnerhub.customers.rest.CustomerResponse;
import io.partnerhub.customers.service.CustomerView;
import java.util.List;

public final class CustomerMapper {

    private CustomerMapper() {
    }

    public static CustomerResponse toResponse(CustomerView view) {
        Customer c = view.customer();
        return new CustomerResponse(c.id.toString(), c.name, c.externalId, c.managedBy, List.of(), List.of(), List.of(),
                List.of(), view.adminIds(), null, c.createdAt, c.version);
    }
}
