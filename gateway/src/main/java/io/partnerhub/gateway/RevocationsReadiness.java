package io.partnerhub.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the admin access changes of the revocation window have been read (no revoked token passes). */
@Readiness
@ApplicationScoped
public class RevocationsReadiness implements HealthCheck {

    private final GatewayRevocations revocations;

    public RevocationsReadiness(GatewayRevocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("access revocations").status(revocations.caughtUp()).build();
    }
}
