package io.partnerhub.platform.runtime.problem;

import io.partnerhub.platform.core.problem.Problem;
import java.util.List;

/** Thrown by service code to answer a client error; mapped to problem+json as is. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String detail) {
        this(status, detail, null);
    }

    public ProblemException(int status, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = errors;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, what + " not found");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, detail);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, detail);
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(400, "The request is not valid", List.of(new Problem.FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public Problem toProblem() {
        return new Problem(Problem.typeFor(status), Problem.titleFor(status), status, getMessage(), errors);
    }
}
