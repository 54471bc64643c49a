package io.switchboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.switchboard.web.errors.ConflictException;
import io.switchboard.web.errors.DatabaseUnavailable;
import io.switchboard.web.errors.InvalidInputException;
import io.switchboard.web.errors.NotPermittedException;
import io.switchboard.web.errors.ResourceNotFoundException;
import io.switchboard.web.errors.RuleViolationException;
import io.switchboard.web.errors.ServiceOverloadedException;
import io.switchboard.web.errors.StateTransitionException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error leaves as {@code application/problem+json}, naming the field when there is one: the
 * kit's plain errors ({@code io.switchboard.web.errors}), bean validation, unreadable JSON, HTTP
 * errors, refused tokens (401 with {@code WWW-Authenticate: Bearer}) and missing roles (403). A
 * service adds mappers for its own domain types beside its resources.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return Problem.invalid(e.field(), e.reason()).toResponse();
    }

    @ServerExceptionMapper
    public Response resourceNotFound(ResourceNotFoundException e) {
        return Problem.of(404, "Not found", e.getMessage(), null).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        List<Problem.FieldError> errors = e.field() == null ? null : List.of(new Problem.FieldError(e.field(), e.getMessage()));
        return Problem.of(409, e.title(), e.getMessage(), errors).toResponse();
    }

    @ServerExceptionMapper
    public Response stateTransition(StateTransitionException e) {
        return Problem.of(409, "Illegal transition", e.getMessage(), null).toResponse();
    }

    @ServerExceptionMapper
    public Response ruleViolation(RuleViolationException e) {
        return Problem.of(422, e.title(), e.getMessage(), null).toResponse();
    }

    @ServerExceptionMapper
    public Response notPermitted(NotPermittedException e) {
        List<Problem.FieldError> errors = e.field() == null ? null : List.of(new Problem.FieldError(e.field(), e.getMessage()));
        return Problem.of(403, "Forbidden", e.getMessage(), errors).toResponse();
    }

    // Tokens. Authentication is lazy (quarkus.http.auth.proactive=false, in the kit's configuration), so
    // that a refused token reaches these mappers and leaves as a problem, not as an empty 401.

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return challenge("Bearer", "a bearer token is required");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        // The cause (bad signature, expired, wrong issuer or audience) goes to the log, not to the caller.
        LOG.debugf(e, "bearer token refused");
        return challenge("Bearer error=\"invalid_token\"", "the bearer token is not valid (signature, issuer, audience or expiry)");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(403, "Forbidden", "the token's roles do not allow this request", null).toResponse();
    }

    /** A 401 problem with the RFC 6750 challenge. */
    private static Response challenge(String challenge, String detail) {
        return Response.fromResponse(Problem.of(401, "Unauthorized", detail, null).toResponse())
                .header("WWW-Authenticate", challenge).build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + ": " + err.message()).collect(Collectors.joining("; "));
        return Problem.of(400, "Invalid request", detail, errors).toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            String field = path(invalid);
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants()).map(Object::toString)
                    .filter(s -> !"UNKNOWN".equals(s)).collect(Collectors.joining(", "));
            return Problem.invalid(field, "'" + invalid.getValue() + "' is not one of " + allowed).toResponse();
        }
        if (e instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return Problem.invalid(path(mismatched), "has the wrong type").toResponse();
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return Problem.invalid(path(mapping), "cannot be read: " + e.getOriginalMessage()).toResponse();
        }
        return Problem.invalid("body", "malformed JSON: " + e.getOriginalMessage()).toResponse();
    }

    // The exact types too: Quarkus maps these itself otherwise, with a body that is not a problem.
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidFormat(InvalidFormatException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return Problem.of(415, "Unsupported media type", "send the body as application/json", null).toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problem.of(Response.Status.NOT_FOUND, "no such resource").toResponse();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return Problem.of(405, "Method not allowed", "this resource does not support that method", null).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // Quarkus REST wraps a body Jackson cannot read; unwrap it to name the field.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return Problem.of(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage(), null).toResponse();
    }

    @ServerExceptionMapper
    public Response overloaded(ServiceOverloadedException e) {
        return retryLater(Problem.of(503, "Service unavailable", e.getMessage() + "; retry shortly", null));
    }

    /**
     * Anything unforeseen: a problem body without internals; the log has the details under the same id.
     * A database that cannot be reached (down, restarting, pool exhausted) is a 503 with Retry-After:
     * the request was not carried out and the client retries it (with its Idempotency-Key, if any).
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        String errorId = java.util.UUID.randomUUID().toString();
        if (DatabaseUnavailable.among(e)) {
            LOG.warnf("request refused, database unavailable, error id %s: %s", errorId, e);
            return retryLater(Problem.of(503, "Service unavailable",
                    "the database is unavailable or too busy; retry shortly (error id " + errorId + ")", null));
        }
        LOG.errorf(e, "request failed, error id %s", errorId);
        return Problem.of(500, "Internal server error", "the request failed (error id " + errorId + ")", null).toResponse();
    }

    private static Response retryLater(Problem problem) {
        return Response.fromResponse(problem.toResponse()).header("Retry-After", "1").build();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String field(ConstraintViolation<?> violation) {
        // "create.request.summary" -> "summary": drop the method and parameter segments.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
    }
}
