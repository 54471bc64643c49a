package io.switchboard.compensation.domain;

/** Input that cannot be accepted, naming the field so the caller can answer with a 4xx that says which. */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    public InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
