package io.partnerhub.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * docs/api-reference.md, made from the gateway's merged OpenAPI document: an index of every operation, then per
 * operation its roles, parameters, body and answers, then every schema with its fields. Deterministic: the same
 * document gives the same text.
 */
final class ApiReference {

    static final String FILE = "docs/api-reference.md";
    static final String REFRESH = "PARTNERHUB_DOCS_REFRESH=true ./mvnw -pl gateway -am verify -Dtest=ApiReferenceTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false";
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete", "head", "options", "trace");

    private ApiReference() {
    }

    /** The gateway's document as it serves it (server and realm aside: relative server, local realm). */
    static ObjectNode document(List<ApiDocumentMerge.Part> parts) {
        return ApiDocumentMerge.merge(parts, "/", GatewayOpenApi.securityScheme(GatewayOpenApi.LOCAL_REALM), GatewayOpenApi.SCHEME);
    }

    static String markdown(JsonNode document) {
        StringBuilder md = new StringBuilder();
        md.append("# API reference\n\n");
        md.append("Every operation of the public API, as the gateway serves it under `/api/v1` (generated from the gateway's\n")
                .append("OpenAPI document — the four services' documents merged by `GatewayOpenApi` — by `ApiReferenceTest` in the\n")
                .append("gateway module, which fails when this file differs from the document; do not edit it by hand). What every\n")
                .append("operation shares — tokens, roles, problem+json errors, paging, CSV, ETags, `Idempotency-Key` — and how to\n")
                .append("try the API in Swagger UI is in [api.md](api.md); what the rules mean is in [product-rules.md](product-rules.md).\n\n")
                .append("After changing an endpoint, rebuild the service and refresh this file:\n\n```\n").append(REFRESH).append("\n```\n\n");
        md.append("Roles are the realm roles a token must carry (one of them). Every answer carries `X-Request-Id`; every error\n")
                .append("is `application/problem+json` with schema [Problem](#problem).\n\n");

        List<Operation> operations = operations(document);
        for (JsonNode tag : document.path("tags")) {
            String name = tag.path("name").asText();
            md.append("## ").append(name).append("\n\n").append(tag.path("description").asText()).append(".\n\n");
            md.append("| method | path | summary | roles |\n|---|---|---|---|\n");
            for (Operation op : operations) {
                if (op.tag().equals(name)) {
                    md.append("| ").append(op.method().toUpperCase(Locale.ROOT)).append(" | `").append(cell(op.path())).append("` | ")
                            .append(cell(op.node().path("summary").asText())).append(" | ").append(roles(op.node())).append(" |\n");
                }
            }
            md.append('\n');
            for (Operation op : operations) {
                if (op.tag().equals(name)) {
                    operation(md, op);
                }
            }
        }

        md.append("## Schemas\n\n");
        Map<String, JsonNode> schemas = new TreeMap<>();
        document.path("components").path("schemas").fields().forEachRemaining(e -> schemas.put(e.getKey(), e.getValue()));
        schemas.forEach((name, schema) -> schema(md, name, schema));
        return md.toString().replaceAll("\n{3,}", "\n\n").stripTrailing() + "\n";
    }

    record Operation(String tag, String method, String path, JsonNode node) {
    }

    static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> {
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op != null) {
                    operations.add(new Operation(op.path("tags").path(0).asText(), method, path.getKey(), op));
                }
            }
        });
        return operations;
    }

    private static void operation(StringBuilder md, Operation op) {
        JsonNode node = op.node();
        md.append("### ").append(op.method().toUpperCase(Locale.ROOT)).append(' ').append(op.path()).append("\n\n");
        if (node.hasNonNull("summary")) {
            md.append(text(node.path("summary").asText())).append(".\n\n");
        }
        if (node.hasNonNull("description")) {
            md.append(text(node.path("description").asText())).append("\n\n");
        }
        md.append("Roles: ").append(roles(node)).append("\n\n");

        if (node.path("parameters").size() > 0) {
            md.append("| parameter | in | type | required | description |\n|---|---|---|---|---|\n");
            for (JsonNode p : node.path("parameters")) {
                md.append("| `").append(cell(p.path("name").asText())).append("` | ").append(p.path("in").asText()).append(" | ")
                        .append(cell(type(p.path("schema")))).append(" | ").append(p.path("required").asBoolean(false) ? "yes" : "no")
                        .append(" | ").append(cell(join(p.path("description").asText(""), constraints(p.path("schema"))))).append(" |\n");
            }
            md.append('\n');
        }

        JsonNode body = node.path("requestBody");
        if (!body.isMissingNode()) {
            md.append("Body").append(body.path("required").asBoolean(false) ? "" : " (optional)").append(": ")
                    .append(content(body.path("content"))).append("\n\n");
            if (body.hasNonNull("description")) {
                md.append(text(body.path("description").asText())).append("\n\n");
            }
        }

        List<String> errors = new ArrayList<>();
        md.append("| answer | body | headers | description |\n|---|---|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> answer = it.next();
            if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
                errors.add("`" + answer.getKey() + "`");
                continue;
            }
            List<String> headers = new ArrayList<>();
            answer.getValue().path("headers").fieldNames().forEachRemaining(h -> {
                if (!h.equals("X-Request-Id")) {
                    headers.add("`" + h + "`");
                }
            });
            md.append("| `").append(answer.getKey()).append("` | ").append(cell(content(answer.getValue().path("content"))))
                    .append(" | ").append(String.join(", ", headers)).append(" | ")
                    .append(cell(answer.getValue().path("description").asText(""))).append(" |\n");
        }
        md.append('\n');
        if (!errors.isEmpty()) {
            errors.sort(null);
            md.append("Errors: ").append(String.join(", ", errors)).append(".\n\n");
        }
    }

    private static void schema(StringBuilder md, String name, JsonNode schema) {
        md.append("### ").append(name).append("\n\n");
        if (schema.hasNonNull("description")) {
            md.append(text(schema.path("description").asText())).append("\n\n");
        }
        JsonNode properties = schema.path("properties");
        if (properties.isObject() && properties.size() > 0) {
            Set<String> required = new LinkedHashSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            md.append("| field | type | required | description |\n|---|---|---|---|\n");
            properties.fields().forEachRemaining(p -> md.append("| `").append(cell(p.getKey())).append("` | ")
                    .append(cell(type(p.getValue()))).append(" | ").append(required.contains(p.getKey()) ? "yes" : "no")
                    .append(" | ").append(cell(join(p.getValue().path("description").asText(""), constraints(p.getValue()))))
                    .append(" |\n"));
            md.append('\n');
        } else {
            String constraints = constraints(schema);
            md.append(type(schema)).append(constraints.isEmpty() ? "" : "; " + constraints).append(".\n\n");
        }
    }

    /** A schema's type in a few words: a link for a named schema, {@code X[]} for arrays, enums listed. */
    static String type(JsonNode schema) {
        if (schema.hasNonNull("$ref")) {
            String name = schema.path("$ref").asText().substring(schema.path("$ref").asText().lastIndexOf('/') + 1);
            return "[" + name + "](#" + name.toLowerCase(Locale.ROOT) + ")";
        }
        for (String combination : List.of("anyOf", "oneOf", "allOf")) {
            if (schema.path(combination).isArray()) {
                List<String> types = new ArrayList<>();
                schema.path(combination).forEach(s -> types.add(type(s)));
                return String.join(combination.equals("allOf") ? " and " : " or ", types);
            }
        }
        if (schema.path("enum").isArray()) {
            List<String> values = new ArrayList<>();
            schema.path("enum").forEach(v -> values.add("`" + v.asText() + "`"));
            return String.join(" or ", values);
        }
        JsonNode type = schema.path("type");
        List<String> types = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type.isTextual()) {
            types.add(type.asText());
        }
        List<String> shown = new ArrayList<>();
        for (String t : types) {
            if (t.equals("array")) {
                shown.add(type(schema.path("items")) + "[]");
            } else if (t.equals("null")) {
                shown.add("null");
            } else {
                shown.add(schema.hasNonNull("format") ? t + " (" + schema.path("format").asText() + ")" : t);
            }
        }
        return shown.isEmpty() ? "any" : String.join(" or ", shown);
    }

    private static String constraints(JsonNode schema) {
        List<String> parts = new ArrayList<>();
        range(parts, schema, "minimum", "maximum", "");
        range(parts, schema, "minLength", "maxLength", " characters");
        range(parts, schema, "minItems", "maxItems", " items");
        if (schema.hasNonNull("pattern") && !"uuid".equals(schema.path("format").asText())) {
            parts.add("pattern `" + schema.path("pattern").asText() + "`");
        }
        if (schema.hasNonNull("default")) {
            parts.add("default `" + schema.path("default").asText() + "`");
        }
        return String.join(", ", parts);
    }

    private static void range(List<String> parts, JsonNode schema, String min, String max, String unit) {
        if (schema.hasNonNull(min) && schema.hasNonNull(max)) {
            parts.add(schema.path(min).asText() + "–" + schema.path(max).asText() + unit);
        } else if (schema.hasNonNull(min)) {
            parts.add("at least " + schema.path(min).asText() + unit);
        } else if (schema.hasNonNull(max)) {
            parts.add("at most " + schema.path(max).asText() + unit);
        }
    }

    private static String content(JsonNode content) {
        List<String> parts = new ArrayList<>();
        content.fields().forEachRemaining(c -> {
            JsonNode schema = c.getValue().path("schema");
            String shown = schema.hasNonNull("$ref") || schema.path("type").asText().equals("array") ? " " + type(schema) : "";
            parts.add("`" + c.getKey() + "`" + shown);
        });
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    private static String roles(JsonNode operation) {
        Set<String> roles = new LinkedHashSet<>();
        operation.path("x-roles").forEach(r -> roles.add(r.asText()));
        if (roles.isEmpty()) {
            operation.path("security").forEach(requirement -> requirement.fields()
                    .forEachRemaining(e -> e.getValue().forEach(r -> roles.add(r.asText()))));
        }
        if (roles.isEmpty()) {
            return operation.has("security") || !operation.path("security").isEmpty() ? "any signed-in caller" : "none (public)";
        }
        List<String> shown = new ArrayList<>();
        roles.forEach(r -> shown.add("`" + r + "`"));
        return String.join(", ", shown);
    }

    private static String join(String description, String constraints) {
        String text = text(description);
        if (constraints.isEmpty()) {
            return text;
        }
        return text.isEmpty() ? constraints : text + (text.endsWith(".") ? " " : "; ") + constraints;
    }

    private static String text(String text) {
        return text.replace("\r", "").replaceAll("\\s*\n\\s*", " ").trim();
    }

    private static String cell(String text) {
        return text(text).replace("|", "\\|");
    }
}
