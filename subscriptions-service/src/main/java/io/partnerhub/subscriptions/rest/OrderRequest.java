package io.partnerhub.subscriptions.rest;

import io.partnerhub.subscriptions.ManagedBy;
import io.partnerhub.subscriptions.Product;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * Body of {@code POST /orders}, each item of {@code POST /orders/batch}, and the data of a
 * {@code partnerhub.ccw.order} event. Exactly one of {@code customerId} and {@code customer}.
 */
public record OrderRequest(
        @NotNull @Size(min = 1, max = 64) @Pattern(regexp = ID, message = ID_MESSAGE) String ccwOrderId,
        @Min(1) @Max(1_000_000) Integer revision,
        String customerId,
        @Valid CustomerRequest customer,
        @NotNull @Size(min = 1, max = 64) @Pattern(regexp = ID, message = ID_MESSAGE) String subscriptionId,
        @NotNull LocalDate startDate,
        @NotNull @Min(1) @Max(120) Integer termMonths,
        Boolean autoRenew,
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid LineRequest> lines) {

    public static final String ID = "[A-Za-z0-9._-]+";
    public static final String ID_MESSAGE = "may contain only letters, digits, '.', '_' and '-'";

    /** A customer not known by id: created by customers-service from the order event (see the README). */
    public record CustomerRequest(
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = ID, message = ID_MESSAGE) String externalId,
            @NotBlank @Size(max = 200) String name,
            @NotNull ManagedBy managedBy) {
    }

    public record LineRequest(
            @NotNull Product product,
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Min(0) @Max(1_000_000) Integer quantity) {
    }
}
