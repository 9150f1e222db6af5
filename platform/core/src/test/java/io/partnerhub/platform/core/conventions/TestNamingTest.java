package io.partnerhub.platform.core.conventions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
        assertTrue(tests.size() > 50, "found only " + tests.size() + " test classes under " + root());
        List<String> misnamed = tests.stream()
                .filter(p -> !p.getFileName().toString().equals("TestNamingTest.java")) // it names the markers itself
                .filter(TestNamingTest::misnamed).map(p -> root().relativize(p).toString())
                .sorted().toList();
        assertEquals(List.of(), misnamed, "*Test is plain JUnit, *IT runs Quarkus or real servers");
    }

    private static boolean misnamed(Path source) {
        String name = source.getFileName().toString();
        boolean servers = SERVERS.matcher(read(source)).find();
        return name.endsWith("Test.java") ? servers : !servers;
    }

    private static List<Path> testSources() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.toString().contains("/src/test/java/") && !p.toString().contains("/target/"))
                    .filter(p -> p.getFileName().toString().matches(".*(Test|IT)\\.java"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository: the build's root (surefire's {@code partnerhub.root}), else the nearest folder with mvnw. */
    private static Path root() {
        String configured = System.getProperty("partnerhub.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("platform"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + start);
    }
}
