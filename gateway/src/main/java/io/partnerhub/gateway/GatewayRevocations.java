package io.partnerhub.gateway;

import io.partnerhub.platform.core.revocation.AccessRevocations;
import io.partnerhub.platform.core.revocation.KafkaClientSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The gateway's {@link AccessRevocations}, as in every service: the admin events of the last
 * {@code partnerhub.security.revocation-window} on {@code partnerhub.security.revocation-topic}, read with the
 * gateway's {@code kafka.*} settings; {@link GatewayRouter} refuses a token issued at or before its admin's last access
 * change, and the gateway is not ready until they are read ({@link RevocationsReadiness}).
 */
@ApplicationScoped
public class GatewayRevocations {

    private final Duration window;
    private final String topic;
    private volatile AccessRevocations revocations;

    public GatewayRevocations(@ConfigProperty(name = "partnerhub.security.revocation-window") Duration window,
                              @ConfigProperty(name = "partnerhub.security.revocation-topic") String topic) {
        this.window = window;
        this.topic = topic;
    }

    void onStart(@Observes StartupEvent event) {
        Config config = ConfigProvider.getConfig();
        revocations = AccessRevocations.start(KafkaClientSettings.of(config.getPropertyNames(),
                name -> config.getOptionalValue(name, String.class)), topic, window, "gateway-access-revocations",
                Clock.systemUTC());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (revocations != null) {
            revocations.close();
        }
    }

    boolean revoked(JsonWebToken token) {
        AccessRevocations current = revocations;
        return current != null && current.revokedByClaim(token.getSubject(), token.getClaim("iat"));
    }

    boolean caughtUp() {
        AccessRevocations current = revocations;
        return current != null && current.caughtUp();
    }
}
