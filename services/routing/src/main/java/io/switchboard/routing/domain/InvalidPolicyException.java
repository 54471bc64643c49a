package io.switchboard.routing.domain;

/** A policy entry or a group, agent or calendar definition that cannot be used; the message names it. */
public class InvalidPolicyException extends IllegalArgumentException {

    public InvalidPolicyException(String message) {
        super(message);
    }
}
