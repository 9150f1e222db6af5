package io.partnerhub.platform.core.conventions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The repository's sources, as the convention checks read them. */
final class SourceTree {

    private SourceTree() {
    }

    /** The repository: the build's root (surefire's {@code partnerhub.root}), else the nearest folder with mvnw. */
    static Path root() {
        String configured = System.getProperty("partnerhub.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("platform"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + start);
    }

    /** The Java sources outside build outputs whose path (with forward slashes) matches, sorted. */
    static List<Path> javaSources(Predicate<String> path) {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/"))
                    .filter(p -> path.test(p.toString().replace('\\', '/')))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path from the repository's root, with forward slashes. */
    static String relative(Path source) {
        return root().relativize(source).toString().replace('\\', '/');
    }

    static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
