package io.switchboard.intake.rest;

import io.switchboard.intake.domain.IllegalTransitionException;
import io.switchboard.intake.domain.InvalidFieldException;
import io.switchboard.intake.ticket.TicketNotFoundException;
import io.switchboard.web.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Intake's own domain errors at the edge; everything generic (the kit's errors, validation,
 * unreadable JSON, tokens) is mapped by the web kit's {@code io.switchboard.web.ProblemMappers}.
 */
public class IntakeProblems {

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        return Problem.invalid(e.field(), e.problem()).toResponse();
    }

    @ServerExceptionMapper
    public Response illegalTransition(IllegalTransitionException e) {
        return Problem.of(409, "Illegal transition", e.getMessage(), null).toResponse();
    }

    @ServerExceptionMapper
    public Response ticketNotFound(TicketNotFoundException e) {
        return Problem.of(404, "Not found", e.getMessage(), null).toResponse();
    }
}
