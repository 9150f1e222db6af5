package io.partnerhub.subscriptions.rest;

import io.partnerhub.subscriptions.Product;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** Bodies of the trial endpoints. */
public final class TrialRequests {

    private TrialRequests() {
    }

    public record Start(@NotEmpty @Size(max = 10) List<@NotNull Product> products,
                        @NotNull @Min(1) @Max(100_000) Integer licenses,
                        @NotNull @Min(1) @Max(90) Integer durationDays,
                        LocalDate startDate) {
    }

    public record Extend(@NotNull @Min(1) @Max(180) Integer days) {
    }

    public record Convert(@NotNull @Min(1) @Max(120) Integer termMonths,
                          Boolean autoRenew,
                          @Size(min = 1, max = 64) @Pattern(regexp = OrderRequest.ID, message = OrderRequest.ID_MESSAGE) String subscriptionId) {
    }
}
