package io.switchboard.web.errors;

/** Input that can never be accepted, naming the field (a JSON pointer-like path) and why. At the edge: 400. */
public class InvalidInputException extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidInputException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
