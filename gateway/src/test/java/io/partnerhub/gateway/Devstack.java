package io.partnerhub.gateway;

import io.partnerhub.platform.devstack.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * A real Kafka broker for every test of this module (the gateway reads the admin events from it, and is not ready
 * until it has), started once per test JVM, test profiles included.
 */
@QuarkusTestResource(KafkaTestResource.class)
public final class Devstack {

    private Devstack() {
    }
}
