package io.partnerhub.customers;

/** PARTNER: part of the partner org; EXTERNAL: the partner manages it as an external admin. */
public enum ManagedBy {
    PARTNER, EXTERNAL
}
