package io.switchboard.compensation.rest;

import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.web.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The compensation domain's errors at the edge; the kit maps everything generic. */
public class CompensationProblems {

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        return Problem.invalid(e.field(), e.problem()).toResponse();
    }
}
