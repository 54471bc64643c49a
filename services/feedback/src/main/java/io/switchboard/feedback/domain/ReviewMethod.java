package io.switchboard.feedback.domain;

/** How an inspected contact is checked: automatic checks, a person's review, or a call back to the customer. */
public enum ReviewMethod {
    AUTOMATIC, MANUAL, CALL_BACK
}
