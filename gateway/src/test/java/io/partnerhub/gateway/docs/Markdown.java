package io.partnerhub.gateway.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough Markdown for the documentation tests: headings (with GitHub's anchors), links, fenced blocks. */
public final class Markdown {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*");

    /** A link as written: its target and the line it is on (1-based). */
    record Link(String target, int line) {
    }

    /** A heading: its level, its text as written and the line it is on. */
    record Heading(int level, String text, int line) {
    }

    /** A fenced code block: its info string (e.g. {@code json}), its text and the line of its opening fence. */
    public record Block(String info, String text, int line) {
    }

    private Markdown() {
    }

    static List<Heading> headings(String markdown) {
        List<Heading> headings = new ArrayList<>();
        forEachLineOutsideCode(markdown, (line, number) -> {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                headings.add(new Heading(m.group(1).length(), m.group(2), number));
            }
        });
        return headings;
    }

    /** The anchors GitHub gives the headings: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Heading heading : headings(markdown)) {
            String slug = slug(heading.text());
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? slug : slug + "-" + n);
        }
        return anchors;
    }

    static String slug(String headingText) {
        String text = CODE_SPAN.matcher(headingText).replaceAll("$2");
        text = LINK.matcher(text).replaceAll("$1");
        StringBuilder slug = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    /** Links outside fenced code blocks and code spans. */
    static List<Link> links(String markdown) {
        List<Link> links = new ArrayList<>();
        forEachLineOutsideCode(markdown, (line, number) -> {
            Matcher m = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
            while (m.find()) {
                links.add(new Link(m.group(2), number));
            }
        });
        return links;
    }

    public static List<Block> blocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (FENCE.matcher(lines[i]).matches()) {
                String fence = lines[i].trim().substring(0, 3);
                String info = lines[i].trim().substring(3).trim();
                StringBuilder text = new StringBuilder();
                int start = i + 1;
                for (i++; i < lines.length && !lines[i].trim().startsWith(fence); i++) {
                    text.append(lines[i]).append('\n');
                }
                blocks.add(new Block(info, text.toString(), start));
            }
        }
        return blocks;
    }

    private interface LineVisitor {
        void visit(String line, int number);
    }

    private static void forEachLineOutsideCode(String markdown, LineVisitor visitor) {
        String[] lines = markdown.split("\n", -1);
        String fence = null;
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].trim();
            if (fence == null && FENCE.matcher(lines[i]).matches()) {
                fence = trimmed.substring(0, 3);
            } else if (fence != null && trimmed.startsWith(fence)) {
                fence = null;
            } else if (fence == null) {
                visitor.visit(lines[i], i + 1);
            }
        }
    }
}
