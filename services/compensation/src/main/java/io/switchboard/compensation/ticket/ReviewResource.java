package io.switchboard.compensation.ticket;

import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.compensation.rest.RequestFields;
import io.switchboard.web.security.Caller;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;

/** Compensation reviews of major incidents (from {@code support.sla.v1}): listed, and decided once with an audit record. */
@Path("/api/v1/compensation/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private static final int LIMIT = 500;

    private final Reviews reviews;
    private final Caller caller;

    ReviewResource(Reviews reviews, Caller caller) {
        this.reviews = reviews;
        this.caller = caller;
    }

    /** A decision: its outcome and why. */
    public record Decision(String outcome, String reason) {
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR})
    @Operation(summary = "Compensation reviews, soonest due first; status OPEN or DECIDED, customerId optional (at most 500)")
    public Map<String, List<Map<String, Object>>> list(@QueryParam("status") String status, @QueryParam("customerId") String customerId) {
        if (status != null && !status.equals("OPEN") && !status.equals("DECIDED")) {
            throw new InvalidFieldException("status", "must be OPEN or DECIDED");
        }
        if (customerId != null && (customerId.isBlank() || customerId.length() > 64)) {
            throw new InvalidFieldException("customerId", "a customer id of 1 to 64 characters");
        }
        return Map.of("reviews", reviews.list(status, customerId, LIMIT));
    }

    @POST
    @Path("/{majorIncidentId}/customers/{customerId}/decision")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(summary = "Decide an open review: COMPENSATED or NO_COMPENSATION_DUE, with the reason; the decider comes from the token")
    public Map<String, Object> decide(@PathParam("majorIncidentId") String majorIncidentId, @PathParam("customerId") String customerId,
                                      Decision body) {
        if (body == null) {
            throw new InvalidFieldException("body", "is required");
        }
        ReviewOutcome outcome = RequestFields.choice(ReviewOutcome.class, "outcome", body.outcome());
        RequestFields.text("reason", body.reason(), 2000);
        return reviews.decide(majorIncidentId, customerId, outcome, body.reason(), caller.actor());
    }
}
