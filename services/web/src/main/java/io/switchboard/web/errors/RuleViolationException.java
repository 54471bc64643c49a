package io.switchboard.web.errors;

/** Understood, valid in form, and refused by a rule (e.g. an idempotency key reused with another body). At the edge: 422. */
public class RuleViolationException extends RuntimeException {

    private final String title;

    public RuleViolationException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
