package io.switchboard.web.errors;

/** The service cannot take more work right now. At the edge: 503 with Retry-After. */
public class ServiceOverloadedException extends RuntimeException {

    public ServiceOverloadedException(String message) {
        super(message);
    }
}
