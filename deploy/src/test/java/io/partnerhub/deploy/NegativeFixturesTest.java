package io.partnerhub.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each fixture under src/test/resources/negative/ is the prod overlay with one defect (a kustomization on top of
 * it); expected.txt holds the violation the rules must report for it. Proves every rule of {@link ManifestRules}
 * (and the renderer's refusal of kustomize features it does not implement) fails when it should.
 */
class NegativeFixturesTest {

    static Path fixtures() {
        return DeployManifestsTest.root().resolve("deploy/src/test/resources/negative");
    }

    static Stream<String> names() throws IOException {
        try (Stream<Path> s = Files.list(fixtures())) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()).stream();
        }
    }

    @Test
    void everyFixtureIsThere() throws IOException {
        assertEquals(List.of("ambiguous-yaml-scalar", "dangling-selector-hpa", "dangling-selector-networkpolicy", "dangling-selector-pdb",
                "dangling-selector-service", "dangling-selector-servicemonitor", "deployment-without-limits",
                "deployment-without-probe", "extra-acl", "image-latest", "keycloak-version", "literal-env-value", "missing-acl",
                "missing-database", "missing-group-acl", "missing-kafkatopic", "missing-required-field",
                "missing-required-field-kafkauser", "misspelled-cnpg-field", "misspelled-deployment-field",
                "misspelled-kafkatopic-field", "privilege-escalation", "realm-import-differs", "secret-with-data", "short-grace-period",
                "too-few-partitions", "unsupported-kustomize-feature", "wrong-apiversion", "wrong-apiversion-deployment"),
                names().collect(Collectors.toList()));
    }

    @ParameterizedTest
    @MethodSource("names")
    void fixtureFailsWithItsMessage(String name) throws Exception {
        Path dir = fixtures().resolve(name);
        String expected = Files.readString(dir.resolve("expected.txt")).trim();
        List<String> violations;
        try {
            List<ObjectNode> docs = Kustomize.build(dir);
            violations = ManifestRules.check(docs, ManifestRules.Project.load(DeployManifestsTest.root()), true);
        } catch (IllegalArgumentException refused) {
            violations = List.of(refused.getMessage());
        }
        List<String> found = violations;
        assertTrue(found.stream().anyMatch(v -> v.contains(expected)),
                name + ": expected a violation containing\n  " + expected + "\nbut got\n  " + String.join("\n  ", found));
    }
}
