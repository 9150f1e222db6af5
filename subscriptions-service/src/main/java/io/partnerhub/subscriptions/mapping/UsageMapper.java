package io.partnerhub.subscriptions.mapping;

import io.partnerhub.platform.core.problem.Problem;
import io.partnerhub.subscriptions.Product;
import io.partnerhub.subscriptions.repository.UsageRepository;
import io.partnerhub.subscriptions.rest.UsageRequest;
import io.partnerhub.subscriptions.service.LicenseUsageService;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Checks each snapshot on its own: the valid ones go to the store, the others are rejected by index. */
public final class UsageMapper {

    public record Checked(List<UsageRepository.Input> valid, List<LicenseUsageService.Rejected> rejected) {
    }

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private UsageMapper() {
    }

    public static Checked check(List<UsageRequest> items) {
        List<UsageRepository.Input> valid = new ArrayList<>(items.size());
        List<LicenseUsageService.Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            UsageRequest item = items.get(i);
            if (item == null) {
                rejected.add(new LicenseUsageService.Rejected(i, List.of(new Problem.FieldError("", "must be a snapshot object"))));
                continue;
            }
            List<Problem.FieldError> errors = new ArrayList<>();
            if (item.subscriptionId() == null || !ID.matcher(item.subscriptionId()).matches()) {
                errors.add(new Problem.FieldError("subscriptionId", "must be 1 to 64 letters, digits, '.', '_' or '-'"));
            }
            Product product = null;
            try {
                product = item.product() == null ? null : Product.valueOf(item.product());
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (product == null) {
                errors.add(new Problem.FieldError("product", "must be one of " + java.util.Arrays.toString(Product.values())
                        .replace("[", "").replace("]", "")));
            }
            LocalDate date = null;
            try {
                date = item.date() == null ? null : LocalDate.parse(item.date());
            } catch (DateTimeParseException e) {
                // reported below
            }
            if (date == null) {
                errors.add(new Problem.FieldError("date", "must be a date YYYY-MM-DD"));
            }
            if (item.assigned() == null || item.assigned() < 0) {
                errors.add(new Problem.FieldError("assigned", "must be 0 or more"));
            }
            if (item.used() == null || item.used() < 0) {
                errors.add(new Problem.FieldError("used", "must be 0 or more"));
            }
            if (errors.isEmpty()) {
                valid.add(new UsageRepository.Input(i, item.subscriptionId(), product.name(), date, item.assigned(), item.used()));
            } else {
                rejected.add(new LicenseUsageService.Rejected(i, errors));
            }
        }
        return new Checked(valid, rejected);
    }
}
