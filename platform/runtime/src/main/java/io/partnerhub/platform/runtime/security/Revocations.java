package io.partnerhub.platform.runtime.security;

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
 * This service's {@link AccessRevocations}: started with the application from its own Kafka settings
 * ({@code kafka.bootstrap.servers} and any {@code kafka.security.protocol} / {@code kafka.sasl.*} / {@code kafka.ssl.*}),
 * reading the admin events of {@code partnerhub.security.revocation-topic} of the last
 * {@code partnerhub.security.revocation-window}.
 */
@ApplicationScoped
public class Revocations {

    private final Duration window;
    private final String topic;
    private final String application;
    private volatile AccessRevocations revocations;

    public Revocations(@ConfigProperty(name = "partnerhub.security.revocation-window") Duration window,
                       @ConfigProperty(name = "partnerhub.security.revocation-topic") String topic,
                       @ConfigProperty(name = "quarkus.application.name") String application) {
        this.window = window;
        this.topic = topic;
        this.application = application;
    }

    void onStart(@Observes StartupEvent event) {
        Config config = ConfigProvider.getConfig();
        revocations = AccessRevocations.start(KafkaClientSettings.of(config.getPropertyNames(),
                name -> config.getOptionalValue(name, String.class)), topic, window, application + "-access-revocations",
                Clock.systemUTC());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (revocations != null) {
            revocations.close();
        }
    }

    /** Whether this token was issued (its {@code iat}) at or before its subject's last access change. */
    public boolean revoked(JsonWebToken token) {
        AccessRevocations current = revocations;
        return current != null && current.revokedByClaim(token.getSubject(), token.getClaim("iat"));
    }

    public boolean caughtUp() {
        AccessRevocations current = revocations;
        return current != null && current.caughtUp();
    }
}
