package io.switchboard.web.errors;

/** A move the entity's lifecycle does not allow from its current state. At the edge: 409 "Illegal transition". */
public class StateTransitionException extends RuntimeException {

    public StateTransitionException(String detail) {
        super(detail);
    }
}
