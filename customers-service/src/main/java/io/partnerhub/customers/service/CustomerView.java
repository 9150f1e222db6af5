package io.partnerhub.customers.service;

import io.partnerhub.customers.Customer;
import java.util.List;

/** A customer with what belongs to it, as a use case answers it. */
public record CustomerView(Customer customer, List<String> adminIds) {
}
