package io.partnerhub.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cross-check for machines with kubectl, outside the test command (which needs only the JDK and Maven, and whose
 * surefire run picks {@code *Test} and {@code *IT} classes only): kubectl's own kustomize renders exactly the
 * documents the deploy tests check. Run it with
 * {@code ./mvnw -pl deploy test -Dtest=KubectlKustomizeCheck -Dsurefire.failIfNoSpecifiedTests=false}; without
 * kubectl on the PATH it fails.
 */
class KubectlKustomizeCheck {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kubectlKustomizeRendersTheSame(String overlay) throws Exception {
        Path dir = DeployManifestsTest.root().resolve("deploy/kubernetes/overlays").resolve(overlay);
        Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        List<JsonNode> theirs = new ArrayList<>();
        try (var parser = Kustomize.YAML.getFactory().createParser(p.getInputStream())) {
            Kustomize.YAML.readValues(parser, JsonNode.class).forEachRemaining(theirs::add);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        ObjectMapper canon = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        Set<String> mine = new TreeSet<>();
        Set<String> kubectl = new TreeSet<>();
        for (JsonNode n : Kustomize.build(dir)) {
            mine.add(canon.writeValueAsString(canon.treeToValue(n, Object.class)));
        }
        for (JsonNode n : theirs) {
            kubectl.add(canon.writeValueAsString(canon.treeToValue(n, Object.class)));
        }
        assertEquals(kubectl, mine);
    }

}
