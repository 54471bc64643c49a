package io.switchboard.web.errors;

/** The thing asked for does not exist, e.g. {@code new ResourceNotFoundException("ticket TCK-1")}. At the edge: 404. */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String what) {
        super(what + " does not exist");
    }
}
