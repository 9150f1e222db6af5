package io.partnerhub.platform.core.conventions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * JSON in tests, in the devstack's events and in e2e's data generator and demo data is built with a JSON library (Jackson's
 * {@code ObjectNode}/{@code ArrayNode}, devstack's {@code Json}, or a map given to RestAssured), not by gluing
 * strings around variables. Written by hand stays only what is malformed on purpose or is not JSON; those files are
 * listed here with the reason.
 */
class JsonByLibraryTest {

    /** A Java string literal holding JSON syntax: an escaped quote after an opening brace or a comma, or before a colon. */
    private static final String JSON_LITERAL = "\"(?:[^\"\\\\]|\\\\.)*(?:\\{\\\\\"|\\\\\":|,\\\\\")(?:[^\"\\\\]|\\\\.)*\"";

    private static final List<Pattern> GLUED = List.of(
            Pattern.compile(JSON_LITERAL + "\\s*\\+\\s*[A-Za-z_(]"),    // "{\"name\":\"" + name
            Pattern.compile("[A-Za-z_0-9)\\]]\\s*\\+\\s*" + JSON_LITERAL), // id + "\",\"at\":\""
            Pattern.compile("\\.append\\(\\s*" + JSON_LITERAL));        // json.append("{\"callId\":\"")

    /** A text block (its opening quotes end their line) filled in by {@code formatted(...)}. */
    private static final Pattern FORMATTED_BLOCK = Pattern.compile("\"\"\"[ \t]*\n((?:(?!\"\"\").)*)\"\"\"\\s*\\.formatted\\(",
            Pattern.DOTALL);
    private static final Pattern JSON_START = Pattern.compile("[{\\[]\\s*\"");

    /** Files that write JSON-like text by hand on purpose, and why (compared ignoring case: TestNamingTest reads this). */
    private static final Map<String, String> ON_PURPOSE = Map.ofEntries(
            Map.entry("calling-metrics-service/src/test/java/io/partnerhub/callingmetrics/CallRecordIngestIT.java",
                    "a batch cut off in the middle of a record"),
            Map.entry("calling-metrics-service/src/test/java/io/partnerhub/callingmetrics/CallRecordReaderTest.java",
                    "a million nested arrays spliced into a record"),
            Map.entry("customers-service/src/test/java/io/partnerhub/customers/ListConventionsIT.java", "expected CSV"),
            Map.entry("e2e/src/test/java/io/partnerhub/e2e/HostileInputIT.java",
                    "nesting deeper than a JSON writer allows, raw values spliced in"),
            Map.entry("e2e/src/test/java/io/partnerhub/e2e/RacesExportsOwnershipIT.java", "spreadsheet formulas with quotes"),
            Map.entry("e2e/src/test/java/io/partnerhub/e2e/AnalyticsBenchData.java",
                    "benchmark generator writing millions of events to one buffer"),
            Map.entry("e2e/src/test/java/io/partnerhub/e2e/CallingIngestBenchmark.java",
                    "benchmark generator writing records to byte buffers; answer prefix checks"),
            Map.entry("e2e/src/test/java/io/partnerhub/e2e/SubscriptionsIngestBenchmark.java", "answer prefix checks"),
            Map.entry("gateway/src/test/java/io/partnerhub/gateway/docs/EventsReferenceTest.java", "text searched in docs/events.md"),
            Map.entry("platform/devstack/src/main/java/io/partnerhub/platform/devstack/devstackmain.java",
                    "a shell command printed in the banner"));

    @Test
    void jsonIsBuiltWithALibrary() {
        List<Path> sources = sources();
        assertTrue(sources.size() > 50, "found only " + sources.size() + " sources under " + SourceTree.root());
        List<String> glued = new ArrayList<>();
        for (Path source : sources) {
            String relative = SourceTree.relative(source);
            if (ON_PURPOSE.keySet().stream().anyMatch(relative::equalsIgnoreCase) || source.getFileName().toString().equals("JsonByLibraryTest.java")) {
                continue;
            }
            String text = SourceTree.read(source);
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (Pattern pattern : GLUED) {
                    if (pattern.matcher(lines[i]).find()) {
                        glued.add(relative + ":" + (i + 1));
                        break;
                    }
                }
            }
            Matcher block = FORMATTED_BLOCK.matcher(text);
            while (block.find()) {
                if (JSON_START.matcher(block.group(1)).find()) {
                    glued.add(relative + ":" + (text.substring(0, block.start()).split("\n", -1).length));
                }
            }
        }
        assertEquals(List.of(), glued, "JSON glued from strings and variables: build it with Jackson (devstack's Json) instead");
    }

    /** Every test source, and the devstack's and e2e's main sources (events for tests, the data generator and demo data). */
    private static List<Path> sources() {
        return SourceTree.javaSources(p -> p.contains("/src/test/java/") || p.contains("/devstack/src/main/java/")
                || p.contains("/e2e/src/main/java/"));
    }

}
