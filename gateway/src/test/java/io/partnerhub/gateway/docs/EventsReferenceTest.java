package io.partnerhub.gateway.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/events.md describes every event type and topic the code has, and nothing else. Event types are the string
 * constants {@code "partnerhub.…"} of the classes that write or read events (they use the {@code Outbox}, consume with
 * {@code @Incoming}, or are named {@code …Event…}); topics are the {@code partnerhub.….v<n>} values (dead-letter topics
 * included) of every module's application.properties. Each type has its own heading {@code ### `type`} followed by
 * one JSON example.
 */
class EventsReferenceTest {

    private static final Pattern CONSTANT = Pattern.compile(
            "static\\s+final\\s+String\\s+\\w+\\s*=\\s*\"(partnerhub\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)*)\"\\s*;");
    private static final Pattern TOPIC = Pattern.compile("partnerhub\\.[a-z0-9.-]+\\.v\\d+(?:\\.[a-z0-9-]+)*");
    private static final Pattern TYPE_HEADING = Pattern.compile("`(partnerhub\\.[a-z0-9.-]+)`");
    private static final Pattern RECORD = Pattern.compile("\\brecord\\s+\\w+\\s*\\(([^)]*)\\)");
    private static final Pattern MAP_KEY = Pattern.compile("(?:put\\(|Map\\.of\\(|,\\s*)\"([a-zA-Z]+)\",");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEventTypeOfTheCodeHasItsSectionWithAnExample() {
        Map<String, Set<String>> types = eventTypes();
        assertTrue(types.keySet().containsAll(Set.of("partnerhub.customer.created", "partnerhub.subscription.created",
                "partnerhub.calling.quality-degraded", "partnerhub.ccw.order", "partnerhub.cdr")),
                "the scan of the sources found too little: " + types.keySet());
        String doc = RepositoryFiles.read(RepositoryFiles.root().resolve("docs/events.md"));
        Set<String> documented = documentedTypes(doc);

        List<String> missing = new ArrayList<>();
        types.forEach((type, where) -> {
            if (!documented.contains(type) && !doc.contains("\"type\": \"" + type + "\"")) {
                missing.add(type + " (declared in " + where + ")");
            }
        });
        assertEquals(List.of(), missing, "event types the code declares but docs/events.md does not describe "
                + "(add a heading ### `type` with its payload and one JSON example)");

        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(types.keySet());
        assertEquals(Set.of(), unknown, "docs/events.md describes event types the code does not have");
    }

    @Test
    void everyTopicOfTheConfigurationIsDescribed() {
        Map<String, Set<String>> topics = new TreeMap<>();
        Path root = RepositoryFiles.root();
        RepositoryFiles.files(p -> p.endsWith("/src/main/resources/application.properties"))
                    .forEach(p -> {
                        for (String line : RepositoryFiles.read(p).split("\n")) {
                            int eq = line.indexOf('=');
                            if (line.startsWith("#") || eq < 0) {
                                continue;
                            }
                            Matcher m = TOPIC.matcher(line.substring(eq + 1));
                            while (m.find()) {
                                topics.computeIfAbsent(m.group(), t -> new TreeSet<>()).add(RepositoryFiles.relative(p));
                            }
                        }
                    });
        assertTrue(topics.containsKey("partnerhub.cdr.v1.dlq"), "the scan of the configuration found too little: " + topics);
        String doc = RepositoryFiles.read(root.resolve("docs/events.md"));
        List<String> missing = new ArrayList<>();
        topics.forEach((topic, where) -> {
            if (!doc.contains("`" + topic + "`")) {
                missing.add(topic + " (" + String.join(", ", where) + ")");
            }
        });
        assertEquals(List.of(), missing, "topics the services use but docs/events.md does not name");
    }

    @Test
    void everyExampleIsJsonAndEveryTypeSectionHasOne() {
        String doc = RepositoryFiles.read(RepositoryFiles.root().resolve("docs/events.md"));
        List<String> problems = new ArrayList<>();
        for (Markdown.Block block : Markdown.blocks(doc)) {
            if (block.info().equals("json")) {
                try {
                    JsonNode node = JSON.readTree(block.text());
                    if (node == null || !node.isObject()) {
                        problems.add("line " + block.line() + ": not a JSON object");
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    problems.add("line " + block.line() + ": not JSON: " + e.getOriginalMessage());
                }
            }
        }
        String[] lines = doc.split("\n", -1);
        List<Markdown.Heading> headings = Markdown.headings(doc);
        for (int i = 0; i < headings.size(); i++) {
            Markdown.Heading heading = headings.get(i);
            if (heading.level() == 3 && TYPE_HEADING.matcher(heading.text()).matches()) {
                int end = i + 1 < headings.size() ? headings.get(i + 1).line() - 1 : lines.length;
                int start = heading.line();
                boolean example = Markdown.blocks(doc).stream()
                        .anyMatch(b -> b.info().equals("json") && b.line() > start && b.line() <= end);
                if (!example) {
                    problems.add(heading.text() + " (line " + start + "): no JSON example");
                }
            }
        }
        assertEquals(List.of(), problems, "docs/events.md");
    }

    @Test
    void everyFieldOfTheExamplesIsOneTheCodeWrites() {
        // the names the event classes can write: their records' components and the keys they put in maps
        Set<String> fields = new TreeSet<>();
        Set<String> declaring = new TreeSet<>();
        eventTypes().values().forEach(declaring::addAll);
        declaring.add("platform/runtime/src/main/java/io/partnerhub/platform/runtime/outbox/CloudEvent.java");
        for (String file : declaring) {
            String source = RepositoryFiles.read(RepositoryFiles.root().resolve(file));
            Matcher record = RECORD.matcher(source);
            while (record.find()) {
                for (String component : record.group(1).split(",")) {
                    String[] words = component.replaceAll("@\\w+(\\([^)]*\\))?", " ").trim().split("\\s+");
                    fields.add(words[words.length - 1]);
                }
            }
            Matcher key = MAP_KEY.matcher(source);
            while (key.find()) {
                fields.add(key.group(1));
            }
        }
        assertTrue(fields.containsAll(Set.of("subscriptionId", "accessRevokedAt", "poorPct", "partnerorgid", "tagId")),
                "the scan of the event classes found too little: " + fields);

        String doc = RepositoryFiles.read(RepositoryFiles.root().resolve("docs/events.md"));
        List<String> unknown = new ArrayList<>();
        for (Markdown.Block block : Markdown.blocks(doc)) {
            if (!block.info().equals("json")) {
                continue;
            }
            JsonNode example;
            try {
                example = JSON.readTree(block.text());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                continue; // reported by everyExampleIsJsonAndEveryTypeSectionHasOne
            }
            // the inbound examples' data is the body of an API operation (see the API reference), not an event class
            boolean inbound = example.path("type").asText().equals("partnerhub.ccw.order")
                    || example.path("type").asText().equals("partnerhub.cdr");
            collect(inbound ? filterOut((com.fasterxml.jackson.databind.node.ObjectNode) example, "data") : example, fields, "line " + block.line(), unknown);
        }
        assertEquals(List.of(), unknown, "fields in the examples of docs/events.md that no event class writes");
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode filterOut(com.fasterxml.jackson.databind.node.ObjectNode node, String field) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = node.deepCopy();
        copy.remove(field);
        return copy;
    }

    private static void collect(JsonNode node, Set<String> fields, String where, List<String> unknown) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!fields.contains(e.getKey())) {
                    unknown.add(where + ": " + e.getKey());
                }
                collect(e.getValue(), fields, where, unknown);
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, fields, where, unknown));
        }
    }

    /** Every event type declared in the main sources, with the files declaring it. */
    static Map<String, Set<String>> eventTypes() {
        Map<String, Set<String>> types = new TreeMap<>();
        RepositoryFiles.files(p -> p.endsWith(".java") && p.contains("/src/main/java/"))
                    .forEach(p -> {
                        String source = RepositoryFiles.read(p);
                        String name = p.getFileName().toString();
                        if (!(source.contains("Outbox") || source.contains("@Incoming") || name.contains("Event"))) {
                            return;
                        }
                        Matcher m = CONSTANT.matcher(source);
                        while (m.find()) {
                            if (!TOPIC.matcher(m.group(1)).matches()) {
                                types.computeIfAbsent(m.group(1), t -> new TreeSet<>()).add(RepositoryFiles.relative(p));
                            }
                        }
                    });
        return types;
    }

    private static Set<String> documentedTypes(String doc) {
        Set<String> types = new TreeSet<>();
        for (Markdown.Heading heading : Markdown.headings(doc)) {
            Matcher m = TYPE_HEADING.matcher(heading.text());
            if (heading.level() == 3 && m.matches()) {
                types.add(m.group(1));
            }
        }
        return types;
    }
}
