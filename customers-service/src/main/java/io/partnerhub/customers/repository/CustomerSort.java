package io.partnerhub.customers.repository;

import io.partnerhub.platform.runtime.problem.ProblemException;

/** Sort orders of the customer list; each is a keyset over (key, id). */
public enum CustomerSort {
    NAME("name", "lower(c.name)", false),
    NAME_DESC("-name", "lower(c.name)", true),
    CREATED_AT("createdAt", "c.created_at", false),
    CREATED_AT_DESC("-createdAt", "c.created_at", true);

    final String parameter;
    final String key;
    final boolean descending;

    CustomerSort(String parameter, String key, boolean descending) {
        this.parameter = parameter;
        this.key = key;
        this.descending = descending;
    }

    public static CustomerSort parse(String value) {
        if (value == null || value.isBlank()) {
            return NAME;
        }
        for (CustomerSort sort : values()) {
            if (sort.parameter.equals(value)) {
                return sort;
            }
        }
        throw ProblemException.badRequest("sort", "must be one of name, -name, createdAt, -createdAt");
    }

    boolean byName() {
        return this == NAME || this == NAME_DESC;
    }
}
