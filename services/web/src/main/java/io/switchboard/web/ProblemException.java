package io.switchboard.web;

/** Thrown where a request cannot be served; mapped to its {@link Problem}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.invalid(field, message));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "Not found", what + " does not exist", null));
    }

    public static ProblemException unprocessable(String title, String detail) {
        return new ProblemException(Problem.of(422, title, detail, null));
    }
}
