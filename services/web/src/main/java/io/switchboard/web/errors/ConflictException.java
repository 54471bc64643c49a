package io.switchboard.web.errors;

/**
 * The request is well formed but clashes with the current state (a value another entity holds, a
 * concurrent change). {@code field} may be null. At the edge: 409 with {@code title}.
 */
public class ConflictException extends RuntimeException {

    private final String title;
    private final String field;

    public ConflictException(String title, String detail, String field) {
        super(detail);
        this.title = title;
        this.field = field;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
