package io.switchboard.feedback.quality;

import io.switchboard.web.errors.InvalidInputException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.switchboard.contracts.Topic;
import io.switchboard.eventing.mongo.ChangeResult;
import io.switchboard.eventing.mongo.DocumentChange;
import io.switchboard.eventing.mongo.MongoOutbox;
import io.switchboard.eventing.mongo.MongoRelay;
import io.switchboard.feedback.domain.QualityPolicy;
import io.switchboard.feedback.domain.QualitySampling;
import io.switchboard.feedback.domain.ReviewMethod;
import io.switchboard.feedback.store.FeedbackStore;
import io.switchboard.feedback.survey.FeedbackEvents;
import io.switchboard.feedback.survey.Surveys;
import io.switchboard.web.errors.ConflictException;
import io.switchboard.web.errors.ResourceNotFoundException;
import io.switchboard.web.errors.RuleViolationException;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Quality inspection: a period's draw (after the period is over, so that every agent's whole period is its
 * stratum) gives each drawn contact one method, written on its survey document with QualityReviewAssigned in the
 * same update; a review is then recorded with a score and findings. Drawing a period again assigns only contacts
 * that have none yet (late arrivals), so it is safe to repeat.
 */
@ApplicationScoped
public class QualityReviews {

    static final String REVIEW_PREFIX = "QR-";

    private final FeedbackStore store;
    private final MongoOutbox outbox;
    private final MongoRelay relay;
    private final QualityPolicy policy;
    private final Clock clock;
    private final FeedbackEvents events;

    QualityReviews(FeedbackStore store, MongoOutbox outbox, MongoRelay relay, QualityPolicy policy, Clock clock, FeedbackEvents events) {
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
        this.policy = policy;
        this.clock = clock;
        this.events = events;
    }

    public record Draw(String period, int contacts, int inspected, int newlyAssigned, Map<ReviewMethod, Integer> byMethod) {
    }

    public Draw draw(String periodDay) {
        LocalDate start = policy.parsePeriod("period", periodDay);
        Instant from = policy.startInstant(start);
        Instant to = policy.endOf(start);
        Instant now = clock.instant();
        if (now.isBefore(to)) {
            throw new RuleViolationException("Period not over", "the period " + start + " ends at " + to
                    + "; it is drawn once it is over, so that every agent's whole period is sampled");
        }
        Map<String, Document> byId = new HashMap<>();
        List<QualitySampling.Contact> contacts = new ArrayList<>();
        for (Document survey : store.surveys().find(Filters.and(Filters.gte(Surveys.RESOLVED_AT, Surveys.date(from)),
                Filters.lt(Surveys.RESOLVED_AT, Surveys.date(to))))) {
            byId.put(survey.getString("_id"), survey);
            contacts.add(new QualitySampling.Contact(survey.getString("_id"), survey.getString(Surveys.AGENT_ID)));
        }
        List<QualitySampling.Assignment> sample = new QualitySampling(policy).draw(start.toString(), contacts);
        Map<ReviewMethod, Integer> byMethod = new EnumMap<>(ReviewMethod.class);
        int assigned = 0;
        Instant due = now.plus(policy.due());
        for (QualitySampling.Assignment assignment : sample) {
            byMethod.merge(assignment.method(), 1, Integer::sum);
            Document survey = byId.get(assignment.contactId());
            if (survey.get(Surveys.QUALITY) != null) {
                continue;
            }
            String reviewId = REVIEW_PREFIX + assignment.contactId();
            ChangeResult result = outbox.apply(store.surveys(), DocumentChange.of(assignment.contactId())
                    .where(Filters.exists(Surveys.QUALITY, false))
                    .update(Updates.set(Surveys.QUALITY, new Document("reviewId", reviewId)
                            .append("method", assignment.method().name()).append("period", start.toString())
                            .append("status", "ASSIGNED").append("assignedAt", Surveys.date(now)).append("dueAt", Surveys.date(due))))
                    .publish(Topic.FEEDBACK, events.qualityReviewAssigned(survey, reviewId, assignment.method(),
                            start.toString(), due, now)));
            if (result.applied()) {
                assigned++;
            }
        }
        relay.wakeUp();
        return new Draw(start.toString(), contacts.size(), sample.size(), assigned, byMethod);
    }

    /** Records a review's score (0-100) and findings; a review is recorded once. */
    public Document record(String reviewId, Integer score, String findings, String reviewer) {
        if (score == null || score < 0 || score > 100) {
            throw new InvalidInputException("score", "must be 0 to 100");
        }
        if (findings != null && findings.length() > 4000) {
            throw new InvalidInputException("findings", "must be at most 4000 characters");
        }
        if (reviewId == null || !reviewId.startsWith(REVIEW_PREFIX)) {
            throw new ResourceNotFoundException("review " + reviewId);
        }
        String surveyId = reviewId.substring(REVIEW_PREFIX.length());
        ChangeResult result = outbox.apply(store.surveys(), DocumentChange.of(surveyId)
                .where(Filters.eq(Surveys.QUALITY + ".reviewId", reviewId))
                .where(Filters.eq(Surveys.QUALITY + ".status", "ASSIGNED"))
                .update(Updates.combine(
                        Updates.set(Surveys.QUALITY + ".status", "DONE"),
                        Updates.set(Surveys.QUALITY + ".score", score),
                        Updates.set(Surveys.QUALITY + ".findings", findings),
                        Updates.set(Surveys.QUALITY + ".reviewerId", reviewer),
                        Updates.set(Surveys.QUALITY + ".reviewedAt", Surveys.date(clock.instant())),
                        Updates.set(Surveys.REVIEWED, 1),
                        Updates.set(Surveys.REVIEW_SCORE_SUM, score))));
        Document survey = store.surveys().find(Filters.eq("_id", surveyId)).first();
        if (!result.applied()) {
            if (survey == null || survey.get(Surveys.QUALITY) == null) {
                throw new ResourceNotFoundException("review " + reviewId);
            }
            throw new ConflictException("Review already recorded", "review " + reviewId + " was recorded already", "reviewId");
        }
        return survey;
    }

    public List<Document> inPeriod(String periodDay, String status) {
        LocalDate start = policy.parsePeriod("period", periodDay);
        var filter = status == null ? Filters.eq(Surveys.QUALITY + ".period", start.toString())
                : Filters.and(Filters.eq(Surveys.QUALITY + ".period", start.toString()), Filters.eq(Surveys.QUALITY + ".status", status));
        return store.surveys().find(filter).limit(1000).into(new ArrayList<>());
    }
}
