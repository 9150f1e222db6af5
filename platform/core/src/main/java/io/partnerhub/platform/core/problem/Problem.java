package io.partnerhub.platform.core.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document: the body of every error answer, of the services (through platform/runtime's
 * problem mappers) and of the gateway alike. Serialised by Jackson in component order, absent members left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      String instance, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Every {@code type} is this base and a slug ({@code not-found}, {@code client-error}, …). */
    public static final String TYPE_BASE = "https://partnerhub.io/problems/";

    public Problem(String type, String title, int status, String detail, List<FieldError> errors) {
        this(type, title, status, detail, errors, null, null);
    }

    /** The same problem, naming the request it answers: its path and its {@code X-Request-Id}. */
    public Problem at(String instance, String requestId) {
        return new Problem(type, title, status, detail, errors, instance, requestId);
    }

    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem(typeFor(status), title, status, detail, null);
    }

    /** The documented type and title of {@code status}. */
    public static Problem of(int status, String detail) {
        return of(status, titleFor(status), detail);
    }

    /** A 4xx without a type of its own: type {@code client-error}, title "Client Error". */
    public static Problem clientError(int status, String detail) {
        return new Problem(TYPE_BASE + "client-error", "Client Error", status, detail, null);
    }

    public static Problem validation(String detail, List<FieldError> errors) {
        return new Problem(typeFor(400), "Bad Request", 400, detail, errors);
    }

    /** A stable, documented type URI per status, so clients can switch on it. */
    public static String typeFor(int status) {
        return TYPE_BASE + switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 412 -> "precondition-failed";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable-content";
            case 428 -> "precondition-required";
            case 429 -> "too-many-requests";
            case 431 -> "request-header-fields-too-large";
            case 502 -> "bad-gateway";
            case 503 -> "unavailable";
            case 504 -> "gateway-timeout";
            default -> status >= 500 ? "internal-error" : "client-error";
        };
    }

    public static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "Internal Server Error" : "Client Error";
        };
    }
}
