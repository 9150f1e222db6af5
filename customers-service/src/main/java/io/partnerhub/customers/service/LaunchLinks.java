package io.partnerhub.customers.service;

import io.partnerhub.platform.runtime.security.Actor;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs launch links (HMAC-SHA256 over customer, admin and expiry). The key comes from
 * {@code PARTNERHUB_LAUNCH_SIGNING_KEY}, at least {@value #MIN_KEY_BYTES} bytes and the same for every replica: required
 * in production (the prod profile has no default), checked at start. In dev and test, without one, a random key is
 * made at start (links then die with the process).
 */
@Startup
@ApplicationScoped
public class LaunchLinks {

    static final int MIN_KEY_BYTES = 32;

    private final byte[] key;
    private final String baseUrl;
    private final Duration lifetime;
    private final Clock clock;

    public LaunchLinks(@ConfigProperty(name = "partnerhub.launch.signing-key") Optional<String> configuredKey,
                       @ConfigProperty(name = "partnerhub.launch.base-url") String baseUrl,
                       @ConfigProperty(name = "partnerhub.launch.lifetime") Duration lifetime, Clock clock) {
        this.key = configuredKey.map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(LaunchLinks::randomKey);
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("PARTNERHUB_LAUNCH_SIGNING_KEY (partnerhub.launch.signing-key) is " + key.length
                    + " bytes long; at least " + MIN_KEY_BYTES + " are required");
        }
        this.baseUrl = baseUrl;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public LaunchLink issue(Actor actor, UUID customerId) {
        Instant expiresAt = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        String payload = customerId + "." + actor.subject() + "." + expiresAt.getEpochSecond();
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + sign(payload);
        return new LaunchLink(baseUrl + "?org=" + customerId + "&token=" + token, expiresAt);
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
