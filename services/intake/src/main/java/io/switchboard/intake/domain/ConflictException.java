package io.switchboard.intake.domain;

/**
 * A request that contradicts the current state (answered 409): it names the field in conflict and,
 * when there is one, the id of what it conflicts with.
 */
public class ConflictException extends RuntimeException {

    private final String title;
    private final String field;
    private final String problem;
    private final String conflictingId;

    public ConflictException(String title, String field, String problem, String conflictingId) {
        super(field + ": " + problem);
        this.title = title;
        this.field = field;
        this.problem = problem;
        this.conflictingId = conflictingId;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /** The id of the ticket or customer the request conflicts with, or null. */
    public String conflictingId() {
        return conflictingId;
    }
}
