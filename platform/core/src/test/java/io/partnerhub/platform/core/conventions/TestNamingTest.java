package io.partnerhub.platform.core.conventions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The test naming convention of every module: {@code *Test} is plain JUnit (no Quarkus, no servers), {@code *IT}
 * starts Quarkus or real servers (PostgreSQL, Kafka, Keycloak through platform/devstack, the gateway's stubs, the
 * whole system, a production jar). A class named against it is listed here.
 */
class TestNamingTest {

    /** What marks a test that runs Quarkus or real servers. */
    private static final Pattern SERVERS = Pattern.compile(
            "@QuarkusTest|@QuarkusIntegrationTest|@QuarkusTestResource|Devstack|RunningSystem|SystemLauncher|ServiceStub"
                    + "|quarkus-run\\.jar");

    @Test
    void plainTestsAreNamedTestAndServerTestsIT() {
        List<Path> tests = testSources();
        assertTrue(tests.size() > 50, "found only " + tests.size() + " test classes under " + SourceTree.root());
        List<String> misnamed = tests.stream()
                .filter(p -> !p.getFileName().toString().equals("TestNamingTest.java")) // it names the markers itself
                .filter(TestNamingTest::misnamed).map(SourceTree::relative)
                .sorted().toList();
        assertEquals(List.of(), misnamed, "*Test is plain JUnit, *IT runs Quarkus or real servers");
    }

    private static boolean misnamed(Path source) {
        String name = source.getFileName().toString();
        boolean servers = SERVERS.matcher(SourceTree.read(source)).find();
        return name.endsWith("Test.java") ? servers : !servers;
    }

    private static List<Path> testSources() {
        return SourceTree.javaSources(p -> p.contains("/src/test/java/") && p.matches(".*(Test|IT)\\.java"));
    }

}
