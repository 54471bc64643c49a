package io.switchboard.eventing;

/** An event that no retry can apply (invalid for this consumer); it goes straight to the DLQ. */
public class RejectedEventException extends RuntimeException {

    public RejectedEventException(String message) {
        super(message);
    }
}
