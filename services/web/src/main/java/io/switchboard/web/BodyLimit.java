package io.switchboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Refuses bodies over {@code switchboard.web.max-body-bytes} with a 413 problem before they are
 * read. (The HTTP layer's own, higher {@code quarkus.http.limits.max-body-size} stops bodies sent
 * without a length.)
 */
public class BodyLimit {

    private final long maxBytes;
    private final ObjectMapper mapper;

    BodyLimit(@ConfigProperty(name = "switchboard.web.max-body-bytes") long maxBytes,
              ObjectMapper mapper) {
        this.maxBytes = maxBytes;
        this.mapper = mapper;
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return Optional.empty();
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Optional.of(Problem.invalid("Content-Length", "is not a number").toResponse());
        }
        if (bytes > maxBytes) {
            Problem problem = Problem.of(413, "Payload too large", "the body has " + bytes + " bytes; the limit is " + maxBytes, null);
            // Serialized here: an aborted pre-matching request would otherwise take the resource's media type.
            return Optional.of(Response.status(413).type(Problem.PROBLEM_JSON).entity(json(problem)).build());
        }
        return Optional.empty();
    }
}
