package io.partnerhub.gateway.docs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository explains itself: README.md stays a front door (at most 120 lines), and every relative link in it and
 * in docs/*.md names a file of the repository (and, with {@code #anchor}, a heading of that file).
 */
class DocumentationLinksTest {

    static final int README_MAX_LINES = 120;

    @Test
    void readmeIsAtMost120Lines() {
        Path readme = RepositoryFiles.root().resolve("README.md");
        long lines = RepositoryFiles.read(readme).lines().count();
        assertTrue(lines <= README_MAX_LINES, "README.md has " + lines + " lines; keep it at most " + README_MAX_LINES
                + " and move the detail into docs/");
    }

    @Test
    void everyRelativeLinkOfTheReadmeAndDocsResolves() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        Path root = RepositoryFiles.root();
        for (Path file : RepositoryFiles.markdown()) {
            String text = RepositoryFiles.read(file);
            for (Markdown.Link link : Markdown.links(text)) {
                String target = link.target();
                if (isExternal(target)) {
                    continue;
                }
                checked++;
                String where = RepositoryFiles.relative(file) + ":" + link.line() + " (" + target + ")";
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? file
                        : file.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
                if (!resolved.startsWith(root)) {
                    broken.add(where + ": points outside the repository");
                } else if (!Files.exists(resolved)) {
                    broken.add(where + ": no such file");
                } else if (anchor != null && !anchor.isEmpty()) {
                    if (!resolved.getFileName().toString().endsWith(".md")) {
                        broken.add(where + ": an anchor into a file that is not Markdown");
                    } else {
                        Set<String> anchors = Markdown.anchors(RepositoryFiles.read(resolved));
                        if (!anchors.contains(anchor)) {
                            broken.add(where + ": no heading with anchor #" + anchor + " in " + RepositoryFiles.relative(resolved));
                        }
                    }
                }
            }
        }
        assertTrue(checked > 0, "no relative link found: the Markdown reading is broken");
        assertEquals(List.of(), broken, "broken links in README.md or docs/");
    }

    @Test
    void anchorsAreTheOnesGitHubMakes() {
        assertEquals("how-the-pieces-fit", Markdown.slug("How the pieces fit"));
        assertEquals("partnerhubcustomersv1", Markdown.slug("`partnerhub.customers.v1`"));
        assertEquals("get-apiv1customersid", Markdown.slug("GET /api/v1/customers/{id}"));
        assertEquals("publishing-ccw-orders", Markdown.slug("Publishing [CCW](x.md) orders"));
        assertEquals(Set.of("a", "a-1", "b"), Markdown.anchors("# A\n```\n# not a heading\n```\n## A\n### B\n"));
        assertEquals(List.of(new Markdown.Link("docs/x.md#y", 1), new Markdown.Link("z.md", 5)),
                Markdown.links("see [x](docs/x.md#y) and `[not](a-link.md)`\n```\n[no](b.md)\n```\n![img](z.md)"));
    }

    private static boolean isExternal(String target) {
        return target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }
}
