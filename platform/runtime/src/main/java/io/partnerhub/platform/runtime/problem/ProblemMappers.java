package io.partnerhub.platform.runtime.problem;

import io.partnerhub.platform.core.problem.Problem;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves as problem+json, whatever raised it. Details come from our own words,
 * never from an exception message we do not control (those can carry class names or SQL).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int FIRST = Priorities.USER - 1000;

    public static Response response(Problem problem) {
        return builder(problem).build();
    }

    public static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response problem(ProblemException e) {
        return response(e.toProblem());
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return response(Problem.validation("The request is not valid", errors));
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response malformedJson(JsonParseException e) {
        return response(Problem.validation("The body is not well-formed JSON", null));
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response outOfRange(InputCoercionException e) {
        return response(Problem.validation("A number in the body is out of range", null));
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response invalidValue(InvalidFormatException e) {
        String message = "has an invalid value";
        if (e.getTargetType() != null && e.getTargetType().isEnum()) {
            message = "must be one of " + Arrays.stream(e.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        return fieldProblem(e, message);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response mismatched(MismatchedInputException e) {
        return fieldProblem(e, "has the wrong type");
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response mapping(JsonMappingException e) {
        return fieldProblem(e, "is not valid");
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response json(JsonProcessingException e) {
        return response(Problem.validation("The body is not valid JSON", null));
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response unauthorized(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response authenticationCompletion(AuthenticationCompletionException e) {
        return unauthorized();
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response forbidden(ForbiddenException e) {
        return response(Problem.of(403, "Forbidden", "Your role does not allow this operation"));
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        Response.ResponseBuilder builder = builder(Problem.of(status, Problem.titleFor(status), detailFor(status)));
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            builder.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return builder.build();
    }

    @ServerExceptionMapper(priority = FIRST + 1)
    public Response unexpected(Throwable e) {
        String sqlState = sqlState(e);
        if (sqlState != null && sqlState.startsWith("22")) {
            // data exception: a value the client sent cannot be stored (a NUL character, a number out of range)
            return response(Problem.validation("A value in the request cannot be stored", null));
        }
        if ("23505".equals(sqlState)) {
            return response(Problem.of(409, "Conflict", "The request conflicts with an existing resource"));
        }
        if ("40001".equals(sqlState) || "40P01".equals(sqlState)) {
            return response(Problem.of(409, "Conflict", "A concurrent change conflicted with this one; retry the request"));
        }
        if (Unavailable.is(e)) {
            LOG.warnf("Refused a request with 503: a dependency is unavailable (%s)", e.toString());
            return Unavailable.response();
        }
        LOG.error("Unexpected error", e);
        return response(Problem.of(500, "Internal Server Error", "The server could not complete the request"));
    }

    /** The SQLSTATE of the database error behind a failure, if there is one. */
    static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof io.vertx.sqlclient.DatabaseException database && database.getSqlState() != null) {
                return database.getSqlState();
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static Response unauthorized() {
        return builder(Problem.of(401, "Unauthorized", "A valid bearer token is required"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static Response fieldProblem(JsonMappingException e, String message) {
        String field = pathOf(e);
        if (field.isEmpty()) {
            return response(Problem.validation("The body does not have the expected shape", null));
        }
        return response(Problem.validation("The request is not valid", List.of(new Problem.FieldError(field, message))));
    }

    public static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The field a violation is about: the bean property path, or the query/path parameter name. */
    public static String fieldOf(ConstraintViolation<?> violation) {
        List<String> property = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                // Bean Validation puts a list index on the node after the list: lines[0].quantity is the node
                // "quantity" in iterable at index 0, so the index belongs to the segment before it.
                if (node.isInIterable() && !property.isEmpty()) {
                    String key = node.getIndex() != null ? "[" + node.getIndex() + "]"
                            : node.getKey() != null ? "[" + node.getKey() + "]" : "";
                    property.set(property.size() - 1, property.get(property.size() - 1) + key);
                }
                String name = node.getName() == null ? "" : node.getName();
                if (!name.isEmpty() && !name.startsWith("<")) {
                    property.add(name);
                }
            }
        }
        if (!property.isEmpty()) {
            return String.join(".", property);
        }
        return parameter == null ? "" : parameter;
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "No resource exists at this path";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "The requested media type is not available";
            case 415 -> "The request content type is not supported";
            case 413 -> "The request body is larger than 1 MiB";
            default -> status >= 500 ? "The server could not complete the request" : "The request cannot be processed";
        };
    }
}
