package io.partnerhub.subscriptions.service;

import io.partnerhub.subscriptions.LineUsage;
import io.partnerhub.subscriptions.Subscription;
import java.time.LocalDate;
import java.util.List;

/** A subscription with its lines' license values at {@code asOf}. */
public record SubscriptionView(Subscription subscription, List<LineUsage> lines, LocalDate asOf) {
}
