package io.switchboard.feedback.domain;

/** A policy spec that cannot be read; thrown at start-up, so that a bad configuration never runs. */
public class InvalidPolicyException extends IllegalArgumentException {

    public InvalidPolicyException(String message) {
        super(message);
    }
}
