package io.switchboard.feedback.quality;

import io.switchboard.web.errors.InvalidInputException;
import io.switchboard.feedback.survey.Surveys;
import io.switchboard.web.security.Caller;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Quality inspection: a period's draw, the reviews it assigned, and recording a review. */
@Path("/api/v1/feedback")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QualityResource {

    private static final Set<String> STATUSES = Set.of("ASSIGNED", "DONE");

    private final QualityReviews reviews;
    private final Caller caller;

    QualityResource(QualityReviews reviews, Caller caller) {
        this.reviews = reviews;
        this.caller = caller;
    }

    public record DrawRequest(String period) {
    }

    public record ReviewRequest(Integer score, String findings) {
    }

    public record ReviewView(String reviewId, String surveyId, String ticketId, String agentId, String skillGroupId, String method,
                             String period, String status, Instant dueAt, Integer score, String findings, String reviewerId) {
        static ReviewView of(Document survey) {
            Document q = survey.get(Surveys.QUALITY, Document.class);
            return new ReviewView(q.getString("reviewId"), survey.getString("_id"), survey.getString(Surveys.TICKET_ID),
                    survey.getString(Surveys.AGENT_ID), survey.getString(Surveys.SKILL_GROUP_ID), q.getString("method"),
                    q.getString("period"), q.getString("status"), Surveys.instant(q, "dueAt"), q.getInteger("score"),
                    q.getString("findings"), q.getString("reviewerId"));
        }
    }

    @POST
    @Path("/quality/draws")
    @RolesAllowed({Roles.SUPERVISOR, Roles.SYSTEM})
    @Operation(summary = "Draw a finished period's quality sample (stratified by agent; repeatable)")
    public QualityReviews.Draw draw(@NotNull DrawRequest request) {
        return reviews.draw(request.period());
    }

    @GET
    @Path("/reviews")
    @RolesAllowed({Roles.SUPERVISOR, Roles.SYSTEM})
    @Operation(summary = "The reviews assigned in a period (first 1000)")
    public List<ReviewView> list(@QueryParam("period") String period, @QueryParam("status") String status) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInputException("status", "must be ASSIGNED or DONE");
        }
        return reviews.inPeriod(period, status).stream().map(ReviewView::of).toList();
    }

    /** A reviewer records the score (0-100) and findings; the reviewer comes from the token. */
    @POST
    @Path("/reviews/{reviewId}")
    @RolesAllowed({Roles.SUPERVISOR, Roles.SYSTEM})
    @Operation(summary = "Record a quality review's score and findings")
    public ReviewView record(@PathParam("reviewId") String reviewId, @NotNull ReviewRequest request) {
        return ReviewView.of(reviews.record(reviewId, request.score(), request.findings(), caller.actor()));
    }
}
