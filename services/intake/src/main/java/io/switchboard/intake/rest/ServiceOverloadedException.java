package io.switchboard.intake.rest;

/** The service cannot take more work right now; answered 503 with Retry-After. */
public class ServiceOverloadedException extends RuntimeException {

    public ServiceOverloadedException(String message) {
        super(message);
    }
}
