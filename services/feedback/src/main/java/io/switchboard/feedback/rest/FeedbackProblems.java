package io.switchboard.feedback.rest;

import io.switchboard.feedback.survey.SurveyRefusedException;
import io.switchboard.web.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Feedback's own refusals at the edge; the kit's errors (InvalidInputException, ...) are mapped by the web kit. */
public class FeedbackProblems {

    @ServerExceptionMapper
    public Response refused(SurveyRefusedException e) {
        return switch (e.refusal()) {
            case UNKNOWN -> Problem.of(404, "Unknown survey", e.getMessage(), null).toResponse();
            case ALREADY_ANSWERED -> Problem.of(409, "Survey already answered", e.getMessage(), null).toResponse();
            case NOT_SURVEYED -> Problem.of(409, "Not surveyed", e.getMessage(), null).toResponse();
            case EXPIRED -> Problem.of(410, "Survey expired", e.getMessage(), null).toResponse();
        };
    }
}
