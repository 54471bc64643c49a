package io.switchboard.compensation.domain;

/** Input that cannot be accepted, naming the field so the caller can answer with a 4xx that says which. */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;
    private final String problem;

    public InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String problem() {
        return problem;
    }

    public String field() {
        return field;
    }
}
