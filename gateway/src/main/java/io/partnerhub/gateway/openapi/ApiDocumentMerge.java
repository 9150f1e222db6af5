package io.partnerhub.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the services' OpenAPI documents into the one document of the public API: only {@code /api/v1} paths, each
 * operation tagged with its service, components merged (a schema that two services name alike but shape
 * differently is renamed after its service, and the references of that service's document follow), one security
 * scheme against the configured realm, and the gateway's public base URL as the only server.
 */
public final class ApiDocumentMerge {

    /** One service's document and how the merged document names it. */
    public record Part(String tag, String description, JsonNode document) {
    }

    static final String API_PREFIX = "/api/v1/";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private ApiDocumentMerge() {
    }

    public static ObjectNode merge(List<Part> parts, String serverUrl, ObjectNode securityScheme, String schemeName) {
        ObjectNode merged = JSON.objectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "Partner Hub API");
        info.put("version", "1.0");
        info.put("description", "The public API of Partner Hub, served by the gateway at /api/v1. Every operation needs "
                + "a bearer token of the Keycloak realm partner-hub (audience partner-hub-api); x-roles and the scopes of "
                + "its security requirement list the realm roles allowed. Errors are RFC 9457 application/problem+json "
                + "(schema Problem). Lists are keyset pages: limit (1–500, default 50), cursor, nextCursor and a "
                + "Link rel=\"next\" header.");
        merged.putArray("servers").addObject().put("url", serverUrl);
        ArrayNode tags = merged.putArray("tags");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        components.putObject("securitySchemes").set(schemeName, securityScheme);

        for (Part part : parts) {
            tags.addObject().put("name", part.tag()).put("description", part.description());
            JsonNode document = part.document().deepCopy();
            JsonNode theirs = document.path("components").path("schemas");
            Map<String, String> renames = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = theirs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> schema = it.next();
                JsonNode ours = schemas.get(schema.getKey());
                if (ours != null && !ours.equals(schema.getValue())) {
                    renames.put(schema.getKey(), prefix(part.tag()) + schema.getKey());
                }
            }
            if (!renames.isEmpty()) {
                rewriteRefs(document, renames);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = document.path("components").path("schemas").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> schema = it.next();
                String name = renames.getOrDefault(schema.getKey(), schema.getKey());
                if (!schemas.has(name)) {
                    schemas.set(name, schema.getValue());
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                if (!path.getKey().startsWith(API_PREFIX) || !path.getValue().isObject()) {
                    continue;
                }
                ObjectNode item = (ObjectNode) path.getValue();
                item.fields().forEachRemaining(operation -> {
                    if (METHODS.contains(operation.getKey()) && operation.getValue().isObject()) {
                        ObjectNode op = (ObjectNode) operation.getValue();
                        op.putArray("tags").add(part.tag());
                        renameSchemeInSecurity(op, schemeName);
                    }
                });
                ObjectNode existing = (ObjectNode) paths.get(path.getKey());
                if (existing == null) {
                    paths.set(path.getKey(), item);
                } else {
                    existing.setAll(item);
                }
            }
        }
        return merged;
    }

    /** Whatever a service called its scheme, the merged document has one, under {@code schemeName}. */
    private static void renameSchemeInSecurity(ObjectNode operation, String schemeName) {
        JsonNode security = operation.get("security");
        if (security == null || !security.isArray()) {
            return;
        }
        ArrayNode renamed = JSON.arrayNode();
        for (JsonNode requirement : security) {
            ObjectNode one = renamed.addObject();
            ArrayNode scopes = one.putArray(schemeName);
            requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(scopes::add));
        }
        operation.set("security", renamed);
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/components/schemas/")) {
                String name = ref.asText().substring("#/components/schemas/".length());
                if (renames.containsKey(name)) {
                    object.put("$ref", "#/components/schemas/" + renames.get(name));
                }
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, renames));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> rewriteRefs(child, renames));
        }
    }

    private static String prefix(String tag) {
        StringBuilder out = new StringBuilder();
        for (String word : tag.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return out.toString();
    }
}
