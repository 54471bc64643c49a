package io.switchboard.web.errors;

/**
 * The caller is known but may not do this to this entity (a customer and another customer's
 * ticket, a body naming another actor than the token). At the edge: 403. Role checks themselves are
 * declared on the endpoints; this is for what only the data can tell.
 */
public class NotPermittedException extends RuntimeException {

    private final String field;

    public NotPermittedException(String detail) {
        this(detail, null);
    }

    public NotPermittedException(String detail, String field) {
        super(detail);
        this.field = field;
    }

    /** The request field that asked for too much, or null. */
    public String field() {
        return field;
    }
}
