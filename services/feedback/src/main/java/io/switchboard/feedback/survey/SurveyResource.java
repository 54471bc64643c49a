package io.switchboard.feedback.survey;

import io.switchboard.web.errors.InvalidInputException;
import io.switchboard.feedback.domain.SurveyAnswer;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Survey answers: by a link's token (the token is the credential) or, for IVR surveys, by the telephony system with
 * the call id.
 */
@Path("/api/v1/feedback")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SurveyResource {

    /** What {@link SurveyRequests#newToken()} makes: 43 URL-safe base64 characters. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private final SurveyAnswers answers;

    SurveyResource(SurveyAnswers answers) {
        this.answers = answers;
    }

    public record AnswerRequest(Integer csat, Integer nps, Boolean resolvedOnFirstContact, String comment, String language) {
        SurveyAnswer toAnswer() {
            return new SurveyAnswer(csat, nps, resolvedOnFirstContact, comment, language);
        }
    }

    public record PhoneAnswerRequest(String callId, Integer csat, Integer nps, Boolean resolvedOnFirstContact, String comment,
                                     String language) {
    }

    public record SurveyView(String surveyId, String ticketId, String status, String method, String language,
                             Instant expiresAt, Object response) {
        static SurveyView of(Document survey) {
            return new SurveyView(survey.getString("_id"), survey.getString(Surveys.TICKET_ID), survey.getString(Surveys.STATUS),
                    survey.getString(Surveys.METHOD), survey.getString(Surveys.LANGUAGE), Surveys.instant(survey, Surveys.EXPIRES_AT),
                    survey.get(Surveys.RESPONSE));
        }
    }

    public record AnswerAccepted(String surveyId, String ticketId, boolean lowSatisfaction, String reason) {
    }

    /**
     * The survey a link opens. {@code @PermitAll} by design (docs/services/feedback.md, "Who may call"): customers
     * answer from an e-mail or SMS link without an account; the 256-bit token in the path is the credential, and
     * it opens only its own survey.
     */
    @GET
    @Path("/surveys/{token}")
    @PermitAll
    @SecurityRequirements
    @Operation(summary = "The survey a link's token opens (the token is the credential; no bearer token)")
    public SurveyView survey(@PathParam("token") String token) {
        return SurveyView.of(answers.byToken(checkedToken(token)));
    }

    /**
     * A customer's answer by the link's token. {@code @PermitAll} by design, as above: the token is the credential;
     * a malformed one is a 400, an unknown one a 404, and a survey takes one answer before its expiry.
     */
    @POST
    @Path("/responses/{token}")
    @PermitAll
    @SecurityRequirements
    @Operation(summary = "Answer a survey by its link's token (the token is the credential; no bearer token)")
    public Response answer(@PathParam("token") String token, @NotNull AnswerRequest request) {
        Document survey = answers.byToken(checkedToken(token));
        SurveyAnswers.Answered answered = answers.answer(survey, request.toAnswer(), SurveyAnswers.Via.LINK);
        return Response.status(201).entity(accepted(answered)).build();
    }

    /** The telephony system posts an IVR survey's answers with the call id of the call that opened the ticket. */
    @POST
    @Path("/phone-responses")
    @RolesAllowed(Roles.SYSTEM)
    @Operation(summary = "Answers of an IVR survey, posted by the telephony system with the call id")
    public Response phoneAnswer(@NotNull PhoneAnswerRequest request) {
        if (request.callId() == null || !CALL_ID.matcher(request.callId()).matches()) {
            throw new InvalidInputException("callId", "must be 1-128 characters of letters, digits and . _ : @ -");
        }
        SurveyAnswer answer = new SurveyAnswer(request.csat(), request.nps(), request.resolvedOnFirstContact(), request.comment(),
                request.language());
        SurveyAnswers.Answered answered = answers.answer(answers.byCall(request.callId()), answer, SurveyAnswers.Via.PHONE);
        return Response.status(201).entity(accepted(answered)).build();
    }

    private static AnswerAccepted accepted(SurveyAnswers.Answered answered) {
        return new AnswerAccepted(answered.survey().getString("_id"), answered.survey().getString(Surveys.TICKET_ID),
                answered.lowSatisfaction(), answered.reason());
    }

    private static String checkedToken(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new InvalidInputException("token", "is not a survey token (43 URL-safe characters)");
        }
        return token;
    }
}
