package io.partnerhub.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerhub.gateway.docs.Markdown;
import io.partnerhub.gateway.docs.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/api-reference.md is generated from the gateway's merged OpenAPI document (the services' documents this build
 * copied into the gateway), so it cannot drift: this test renders it again and fails on any difference, printing the
 * command that refreshes the file ({@code PARTNERHUB_DOCS_REFRESH=true} writes it instead of comparing).
 */
class ApiReferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theApiReferenceIsTheOneTheGatewayDocumentGives() throws IOException {
        List<ApiDocumentMerge.Part> parts = GatewayOpenApi.parts();
        assertEquals(GatewayOpenApi.SERVICES.size(), parts.size(), "the services' OpenAPI documents are missing from this "
                + "build (target/classes/openapi-services): build the services with the gateway, e.g. " + ApiReference.REFRESH);
        JsonNode document = ApiReference.document(parts);
        String expected = ApiReference.markdown(document);
        Path file = RepositoryFiles.root().resolve(ApiReference.FILE);

        if ("true".equals(System.getenv("PARTNERHUB_DOCS_REFRESH"))) {
            Files.writeString(file, expected);
        }
        String actual = Files.exists(file) ? Files.readString(file) : "";
        if (!expected.equals(actual)) {
            Path fresh = Paths.get("target", "api-reference.md").toAbsolutePath();
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, expected);
            String[] want = expected.split("\n", -1);
            String[] have = actual.split("\n", -1);
            int line = 0;
            while (line < want.length && line < have.length && want[line].equals(have[line])) {
                line++;
            }
            fail(ApiReference.FILE + " differs from the gateway's OpenAPI document from line " + (line + 1) + ":\n  file:     "
                    + (line < have.length ? have[line] : "(end)") + "\n  document: " + (line < want.length ? want[line] : "(end)")
                    + "\nThe fresh file is " + fresh + "; refresh it with:\n    " + ApiReference.REFRESH + "\n");
        }
    }

    @Test
    void everyOperationOfTheDocumentIsInTheReference() throws IOException {
        JsonNode document = ApiReference.document(GatewayOpenApi.parts());
        String reference = Files.readString(RepositoryFiles.root().resolve(ApiReference.FILE));
        List<String> missing = new ArrayList<>();
        for (ApiReference.Operation op : ApiReference.operations(document)) {
            if (!reference.contains("\n### " + op.method().toUpperCase(Locale.ROOT) + " " + op.path() + "\n")) {
                missing.add(op.method().toUpperCase(Locale.ROOT) + " " + op.path());
            }
        }
        assertTrue(ApiReference.operations(document).size() > 50, "too few operations in the gateway's document");
        assertEquals(List.of(), missing, "operations of the gateway's document missing from " + ApiReference.FILE
                + "; refresh it with:\n    " + ApiReference.REFRESH + "\n");
    }

    /** The inbound examples of docs/events.md carry, as data, the bodies the API reference describes. */
    @Test
    void theInboundEventExamplesUseTheFieldsOfTheirApiSchemas() throws IOException {
        JsonNode document = ApiReference.document(GatewayOpenApi.parts());
        Map<String, String> schemaOfType = Map.of("partnerhub.ccw.order", "OrderRequest", "partnerhub.cdr", "CallRecordInput");
        String events = Files.readString(RepositoryFiles.root().resolve("docs/events.md"));
        List<String> unknown = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Markdown.Block block : Markdown.blocks(events)) {
            if (!block.info().equals("json")) {
                continue;
            }
            JsonNode example = JSON.readTree(block.text());
            String schema = schemaOfType.get(example.path("type").asText());
            if (schema != null) {
                seen.add(example.path("type").asText());
                fields(document, document.path("components").path("schemas").path(schema), example.path("data"),
                        "docs/events.md line " + block.line() + ": data", unknown);
            }
        }
        assertEquals(schemaOfType.keySet(), seen, "docs/events.md has an example of each inbound type");
        assertEquals(List.of(), unknown, "fields of the inbound examples that their API schema does not have");
    }

    private static void fields(JsonNode document, JsonNode schema, JsonNode value, String where, List<String> unknown) {
        while (schema.hasNonNull("$ref")) {
            String ref = schema.path("$ref").asText();
            schema = document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        for (String combination : List.of("anyOf", "oneOf", "allOf")) {
            for (JsonNode option : schema.path(combination)) {
                if (option.hasNonNull("$ref") || option.has("properties") || option.has("items")) {
                    fields(document, option, value, where, unknown);
                }
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode finalSchema = schema;
            value.fields().forEachRemaining(e -> {
                if (!properties.has(e.getKey())) {
                    if (finalSchema.has("properties")) {
                        unknown.add(where + "." + e.getKey());
                    }
                } else {
                    fields(document, properties.path(e.getKey()), e.getValue(), where + "." + e.getKey(), unknown);
                }
            });
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                fields(document, schema.path("items"), item, where + "[]", unknown);
            }
        }
    }
}
