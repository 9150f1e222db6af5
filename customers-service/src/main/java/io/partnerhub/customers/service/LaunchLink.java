package io.partnerhub.customers.service;

import java.time.Instant;

public record LaunchLink(String url, Instant expiresAt) {
}
