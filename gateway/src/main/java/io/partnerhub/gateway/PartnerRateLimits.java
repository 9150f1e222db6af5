package io.partnerhub.gateway;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** One token bucket per partner (Bucket4j), so one partner's burst cannot starve the others. */
@ApplicationScoped
public class PartnerRateLimits {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final GatewayConfig.RateLimit limit;

    public PartnerRateLimits(GatewayConfig config) {
        this.limit = config.rateLimit();
    }

    /** Empty when the request may go; else the seconds to wait before retrying. */
    public OptionalLong tryAcquire(String partnerOrgId) {
        Bucket bucket = buckets.computeIfAbsent(partnerOrgId, id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity())
                        .refillGreedy(limit.refill(), limit.period()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
}
