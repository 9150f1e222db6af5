package io.partnerhub.platform.runtime.openapi;

import io.partnerhub.platform.core.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes every service's OpenAPI document by the shape of each operation, so that 100 methods need not repeat
 * it: the RFC 9457 {@code Problem} schema, the error answers an operation can give (401, 403 and 429 always, as
 * the gateway answers them; 404 with a path parameter; 400 with parameters or a body; 413 and 415 with a body;
 * 412 with {@code If-Match}; 409 and 422 with {@code Idempotency-Key}), the headers of every answer
 * ({@code X-Request-Id}; {@code Idempotent-Replayed} on the success answers of an operation taking an
 * {@code Idempotency-Key}), 304 and {@code If-None-Match} on a {@code GET} whose 200 answer declares an {@code ETag}
 * (the platform answers 304 to any such {@code GET}), the types of the query parameters every
 * list and analytics read shares ({@code asOf}, {@code limit}, {@code cursor}, {@code week}), a string schema for
 * {@code text/csv} answers, and {@code x-roles}: the realm roles allowed, as in the security requirement that
 * Quarkus derives from {@code @RolesAllowed}. A status an operation already declares keeps its description.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    public static final String PROBLEM = "Problem";
    public static final String FIELD_ERROR = "FieldError";
    public static final String ROLES_EXTENSION = "x-roles";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    /** The security scheme's name (quarkus.smallrye-openapi.security-scheme-name names it in each requirement). */
    public static final String SCHEME = "keycloak";
    /** The realm of the local run; the gateway's document uses its configured realm instead. */
    public static final String LOCAL_REALM = "http://127.0.0.1:18080/realms/partner-hub";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(FIELD_ERROR, fieldErrorSchema());
        components.addSchema(PROBLEM, problemSchema());
        components.addSecurityScheme(SCHEME, securityScheme(LOCAL_REALM));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            List<Parameter> shared = path.getValue().getParameters() == null ? List.of() : path.getValue().getParameters();
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().getOperations().entrySet()) {
                complete(path.getKey(), shared, operation.getValue(), operation.getKey() == PathItem.HttpMethod.GET);
            }
        }
    }

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String REPLAYED = "Idempotent-Replayed";

    static void complete(String path, List<Parameter> shared, Operation operation) {
        complete(path, shared, operation, false);
    }

    static void complete(String path, List<Parameter> shared, Operation operation, boolean get) {
        List<Parameter> parameters = new ArrayList<>(shared);
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        parameters.forEach(ProblemResponses::typeCommonParameter);
        boolean body = operation.getRequestBody() != null;
        boolean pathParameter = path.contains("{");
        boolean ifMatch = parameters.stream().anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()));
        boolean idempotencyKey = parameters.stream().anyMatch(p -> "Idempotency-Key".equalsIgnoreCase(p.getName()));

        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (!parameters.isEmpty() || body) {
            error(responses, 400, "The request is not valid: a malformed body, a wrong type, an unknown enum value or an "
                    + "out-of-range number; errors[] names each field");
        }
        error(responses, 401, "No valid bearer token");
        error(responses, 403, "The caller's role does not allow this operation");
        if (pathParameter) {
            error(responses, 404, "The resource does not exist or is not visible to the caller's partner");
        }
        if (idempotencyKey) {
            error(responses, 409, "A request with the same Idempotency-Key is still in progress, or the change conflicts "
                    + "with an existing resource");
            error(responses, 422, "This Idempotency-Key was used with another request (another body or operation) in the "
                    + "last 24 hours; nothing was done");
        }
        boolean etag = get && responses.hasAPIResponse("200") && responses.getAPIResponse("200").getHeaders() != null
                && responses.getAPIResponse("200").getHeaders().containsKey("ETag");
        if (etag) {
            if (!responses.hasAPIResponse("304")) {
                responses.addAPIResponse("304", OASFactory.createAPIResponse()
                        .description("Not Modified: If-None-Match holds the current ETag; no body"));
            }
            if (parameters.stream().noneMatch(p -> "If-None-Match".equalsIgnoreCase(p.getName()))) {
                operation.addParameter(OASFactory.createParameter().name("If-None-Match").in(Parameter.In.HEADER)
                        .description("An ETag of an earlier answer: 304 without a body while it is still current")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            }
        }
        if (ifMatch) {
            error(responses, 412, "If-Match does not match the resource's current ETag");
        }
        if (body) {
            error(responses, 413, "The body is larger than the limit (1 MiB; 16 MiB on bulk ingestion)");
            error(responses, 415, "The body's Content-Type is not application/json");
        }
        error(responses, 429, "The partner sent too many requests; retry after Retry-After seconds");
        APIResponse tooMany = responses.getAPIResponse("429");
        if (tooMany.getHeaders() == null || !tooMany.getHeaders().containsKey("Retry-After")) {
            tooMany.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE)));
        }
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (response.getValue().getDescription() == null || response.getValue().getDescription().isBlank()) {
                response.getValue().setDescription(!response.getKey().matches("[45]\\d\\d") ? "OK"
                        : Problem.titleFor(Integer.parseInt(response.getKey())));
            }
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                problemContent(response.getValue());
            } else {
                csvAsString(response.getValue());
            }
            header(response.getValue(), REQUEST_ID, "The request's id (the caller's X-Request-Id, else a new one), also in "
                    + "the logs and in every problem's requestId", null);
            if (idempotencyKey && response.getKey().startsWith("2")) {
                header(response.getValue(), REPLAYED, "true when this is the stored answer to an earlier request with the "
                        + "same Idempotency-Key (nothing was done again); absent otherwise", List.of("true"));
            }
        }
        List<String> roles = roles(operation);
        if (!roles.isEmpty()) {
            operation.addExtension(ROLES_EXTENSION, roles);
        }
    }

    private static void header(APIResponse response, String name, String description, List<Object> values) {
        if (response.getHeaders() != null && response.getHeaders().containsKey(name)) {
            return;
        }
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        if (values != null) {
            schema.enumeration(values);
        }
        response.addHeader(name, OASFactory.createHeader().description(description).schema(schema));
    }

    private static void error(APIResponses responses, int status, String description) {
        String code = String.valueOf(status);
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        } else if (responses.getAPIResponse(code).getDescription() == null
                || responses.getAPIResponse(code).getDescription().isBlank()
                || isQuarkusDefault(responses.getAPIResponse(code).getDescription())) {
            responses.getAPIResponse(code).setDescription(description);
        }
    }

    private static boolean isQuarkusDefault(String description) {
        return description.equals("Not Authorized") || description.equals("Not Allowed") || description.equals("Bad Request");
    }

    /** Every error answer is problem+json, whatever an annotation said about its content. */
    private static void problemContent(APIResponse response) {
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
        response.setContent(content);
    }

    private static void csvAsString(APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
            return;
        }
        MediaType csv = response.getContent().getMediaType("text/csv");
        if (csv != null && (csv.getSchema() == null || csv.getSchema().getRef() != null
                || csv.getSchema().getType() == null || !csv.getSchema().getType().contains(Schema.SchemaType.STRING))) {
            csv.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                    .description("RFC 4180 CSV: a header line, then the same rows as the JSON answer (the whole table, "
                            + "not a page)"));
        }
    }

    private static void typeCommonParameter(Parameter parameter) {
        if (parameter.getIn() != Parameter.In.QUERY || parameter.getName() == null) {
            return;
        }
        Schema schema = parameter.getSchema();
        boolean plain = schema == null || (schema.getRef() == null && schema.getEnumeration() == null
                && schema.getFormat() == null && schema.getMinimum() == null);
        if (!plain) {
            return;
        }
        switch (parameter.getName()) {
            case "asOf" -> {
                parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("date"));
                describe(parameter, "The day the figures are for, YYYY-MM-DD (default: today, UTC)");
            }
            case "limit" -> {
                parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(500)).defaultValue(50));
                describe(parameter, "Page size, 1–500 (default 50)");
            }
            case "cursor" -> {
                parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
                describe(parameter, "Opaque cursor: the nextCursor of the previous page");
            }
            case "week" -> {
                parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .enumeration(List.of("last", "current")).defaultValue("last"));
                describe(parameter, "last: the last completed Sunday–Saturday week before asOf (default); current: "
                        + "the week of asOf so far");
            }
            default -> {
            }
        }
    }

    private static void describe(Parameter parameter, String description) {
        if (parameter.getDescription() == null || parameter.getDescription().isBlank()) {
            parameter.setDescription(description);
        }
    }

    static List<String> roles(Operation operation) {
        TreeSet<String> roles = new TreeSet<>();
        if (operation.getSecurity() != null) {
            for (SecurityRequirement requirement : operation.getSecurity()) {
                if (requirement.getSchemes() != null) {
                    requirement.getSchemes().values().forEach(scopes -> {
                        if (scopes != null) {
                            roles.addAll(scopes);
                        }
                    });
                }
            }
        }
        return List.copyOf(roles);
    }

    /**
     * OAuth2 authorization code (with PKCE) against the Keycloak realm {@code partner-hub}; the scopes of each
     * operation's requirement are the realm roles that may call it.
     */
    public static SecurityScheme securityScheme(String realmUrl) {
        String base = realmUrl.endsWith("/") ? realmUrl.substring(0, realmUrl.length() - 1) : realmUrl;
        return OASFactory.createSecurityScheme().type(SecurityScheme.Type.OAUTH2)
                .description("Keycloak realm partner-hub: authorization code with PKCE (S256). The realm roles of the "
                        + "token (realm_access.roles) decide which operations it may call: the scopes of each "
                        + "operation's requirement and its x-roles name them. Tokens must carry audience "
                        + "partner-hub-api.")
                .flows(OASFactory.createOAuthFlows().authorizationCode(OASFactory.createOAuthFlow()
                        .authorizationUrl(base + "/protocol/openid-connect/auth")
                        .tokenUrl(base + "/protocol/openid-connect/token")
                        .refreshUrl(base + "/protocol/openid-connect/token")
                        .scopes(Map.of())));
    }

    static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One invalid field of the request")
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The field's path in the body (items[2].quantity) or the parameter's name"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What is wrong with it"))
                .required(List.of("field", "message"));
    }

    static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem: the body of every error answer (application/problem+json)")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                        .description("A stable URI per kind of problem, e.g. https://partnerhub.io/problems/not-found"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The HTTP status' reason phrase"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .description("The HTTP status code"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What went wrong, in words for a person"))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The request path"))
                .addProperty("requestId", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The request's X-Request-Id, to quote to support"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("Validation problems: one entry per invalid field")
                        .items(OASFactory.createSchema().ref("#/components/schemas/" + FIELD_ERROR)))
                .required(List.of("type", "title", "status"));
    }
}
