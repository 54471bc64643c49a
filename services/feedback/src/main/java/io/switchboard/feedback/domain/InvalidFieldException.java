package io.switchboard.feedback.domain;

/** A field of an answer, a review or a query that breaks a rule; the edge maps it to a 400 naming the field. */
public class InvalidFieldException extends RuntimeException {

    private final String field;
    private final String problem;

    public InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
