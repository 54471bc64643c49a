package io.switchboard.intake.channel;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.intake.ticket.TicketView;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/** The telephony system hands a call over after the IVR. */
@Path("/api/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CallResource {

    private final PhoneIntake phones;

    CallResource(PhoneIntake phones) {
        this.phones = phones;
    }

    public record CallRequest(
            @NotBlank @Size(max = 128) String callId,
            @NotBlank @Pattern(regexp = "\\+?[0-9]{3,20}", message = "must be digits, optionally after +") String callerNumber,
            @Size(max = 32) String ivrPath,
            @Pattern(regexp = "[0-9]", message = "must be one key, 0-9") String languageKey,
            boolean emergencyKeyPressed,
            @NotNull Instant receivedAt) {
    }

    /** The telephony platform (IVR) posts calls with a {@code system} token. */
    @POST
    @RolesAllowed(Roles.SYSTEM)
    public Response take(@Valid @NotNull CallRequest request) {
        PhoneIntake.Taken taken = QuarkusTransaction.requiringNew().call(() -> phones.take(new PhoneIntake.Call(
                request.callId(), request.callerNumber(), request.ivrPath(), request.languageKey(),
                request.emergencyKeyPressed(), request.receivedAt())));
        if (taken.ticket() == null) {
            return Response.ok(new SurveyHandover(request.callId(), "SATISFACTION_SURVEY", FEEDBACK_PHONE_ANSWERS,
                    taken.toSurvey().reason())).build();
        }
        return Response.status(taken.opened() ? Response.Status.CREATED : Response.Status.OK)
                .entity(TicketView.of(taken.ticket(), false)).build();
    }

    /** Where the telephony system posts an IVR survey's answers (with the call id of the surveyed ticket's call). */
    static final String FEEDBACK_PHONE_ANSWERS = "/api/v1/feedback/phone-responses";

    /**
     * The answer to a call whose caller chose the satisfaction survey (IVR key 32): no ticket; the telephony system
     * plays the survey of the caller's pending IVR survey (from feedback's SurveyRequested events, which name the
     * call id) and posts the answers to {@code answersTo}.
     */
    public record SurveyHandover(String callId, String disposition, String answersTo, String reason) {
    }
}
