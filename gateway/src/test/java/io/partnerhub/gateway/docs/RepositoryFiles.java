package io.partnerhub.gateway.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's root and its documentation files, for the tests that keep the docs true to the code. */
public final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /** The root: the build's {@code partnerhub.root} (the Maven project directory), else the first parent with docs/. */
    public static Path root() {
        String configured = System.getProperty("partnerhub.root");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Paths.get(configured, "docs"))) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository root (README.md and docs/) above " + Paths.get("").toAbsolutePath());
    }

    /** README.md and every docs/*.md, sorted. */
    static List<Path> markdown() {
        Path root = root();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The files under the root whose path passes {@code filter}, leaving out build output, .git and local-run data. */
    static List<Path> files(java.util.function.Predicate<String> filter) {
        List<Path> found = new ArrayList<>();
        Path root = root();
        try {
            Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(root) && (name.equals("target") || name.startsWith(".") || name.equals("node_modules"))
                            ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                    if (filter.test(relative(file))) {
                        found.add(file);
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(null);
        return found;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path file) {
        return root().relativize(file).toString().replace('\\', '/');
    }
}
