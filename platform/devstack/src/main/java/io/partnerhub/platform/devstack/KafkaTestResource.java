package io.partnerhub.platform.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * For applications without a database (the gateway): a real Kafka broker, started once per test JVM, and the key that
 * signs test tokens. Test profiles load this class again in a new class loader; the broker's address is kept in a
 * system property, so they all share the one broker.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String BOOTSTRAP = "partnerhub.devstack.test-kafka";

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers(),
                "quarkus.oidc.public-key", TestTokens.publicKeyBase64(), "quarkus.oidc.token.issuer", TestTokens.ISSUER);
    }

    /** The test broker's address (started on first use). */
    public static String bootstrapServers() {
        synchronized (System.class) {
            String known = System.getProperty(BOOTSTRAP);
            if (known != null) {
                return known;
            }
            Path run = Path.of("target", "devstack-test").toAbsolutePath().resolve("kafka-" + ProcessHandle.current().pid());
            try {
                Files.createDirectories(run);
                Kafka kafka = Kafka.start(run, 0, 0);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        kafka.close();
                        Directories.delete(run);
                    } catch (Exception e) {
                        // the JVM is ending; the next run starts in a fresh directory
                    }
                }, "devstack-kafka-stop"));
                System.setProperty(BOOTSTRAP, kafka.bootstrapServers());
                return kafka.bootstrapServers();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void stop() {
        // The broker lives as long as the test JVM: other test classes and profiles use it too.
    }
}
