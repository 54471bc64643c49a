package io.switchboard.feedback.domain;

/** A survey answer (or review) field that breaks a rule; the edge maps it to a 400 naming the field. */
public class InvalidAnswerException extends RuntimeException {

    private final String field;
    private final String problem;

    public InvalidAnswerException(String field, String problem) {
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
