package io.partnerhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** An OpenAPI 3.1 document read as a JSON tree: its operations, and answers validated against its schemas. */
final class ApiDocument {

    /** Where the gateway serves the whole API's document. */
    static final String GATEWAY_PATH = "/q/openapi";

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    record Operation(String method, String path, JsonNode node, List<JsonNode> parameters) {

        String key() {
            return method.toUpperCase() + " " + path;
        }

        boolean hasBody() {
            return node.has("requestBody");
        }

        /** The success status the operation documents (the lowest 2xx). */
        String successStatus() {
            return new TreeSet<>(statuses()).stream().filter(s -> s.startsWith("2")).findFirst().orElse(null);
        }

        Set<String> statuses() {
            Set<String> statuses = new TreeSet<>();
            node.path("responses").fieldNames().forEachRemaining(statuses::add);
            return statuses;
        }

        JsonNode response(String status) {
            return node.path("responses").path(status);
        }
    }

    final JsonNode root;

    ApiDocument(String json) {
        try {
            this.root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(parameters::add);
                op.getValue().path("parameters").forEach(parameters::add);
                operations.add(new Operation(op.getKey(), path.getKey(), op.getValue(), parameters));
            }
        }
        return operations;
    }

    /** Problems of {@code body} against {@code schema} (a schema of this document, whose $refs resolve in it). */
    List<String> validate(JsonNode schema, JsonNode body) {
        ObjectNode standalone = schema.deepCopy();
        if (!standalone.has("$schema")) {
            standalone.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        }
        standalone.set("components", root.path("components"));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema compiled = SCHEMAS.getSchema(standalone, config);
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : compiled.validate(body)) {
            problems.add(message.getMessage());
        }
        return problems;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
