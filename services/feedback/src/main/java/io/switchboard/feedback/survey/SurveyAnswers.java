package io.switchboard.feedback.survey;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.switchboard.contracts.Topic;
import io.switchboard.eventing.mongo.ChangeResult;
import io.switchboard.eventing.mongo.DocumentChange;
import io.switchboard.eventing.mongo.MongoOutbox;
import io.switchboard.eventing.mongo.MongoRelay;
import io.switchboard.feedback.domain.LowSatisfactionPolicy;
import io.switchboard.feedback.domain.SurveyAcceptance;
import io.switchboard.feedback.domain.SurveyAnswer;
import io.switchboard.feedback.domain.SurveyMethod;
import io.switchboard.feedback.store.FeedbackStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes a survey's answer: one conditional single-document update (the survey still waiting for an answer and not
 * expired) that stores the response, adds it to the contact's counters and publishes FeedbackReceived, plus
 * LowSatisfactionFlagged when the policy flags it. Two answers at once: one wins, the other matches nothing and is
 * refused as already answered.
 */
@ApplicationScoped
public class SurveyAnswers {

    /** Where an answer came from. */
    public enum Via { LINK, PHONE }

    private final FeedbackStore store;
    private final MongoOutbox outbox;
    private final MongoRelay relay;
    private final LowSatisfactionPolicy lowSatisfaction;
    private final Clock clock;
    private final FeedbackEvents events;

    SurveyAnswers(FeedbackStore store, MongoOutbox outbox, MongoRelay relay, LowSatisfactionPolicy lowSatisfaction, Clock clock,
                  FeedbackEvents events) {
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
        this.lowSatisfaction = lowSatisfaction;
        this.clock = clock;
        this.events = events;
    }

    /** The survey a link's token opens, or a refusal. */
    public Document byToken(String token) {
        Document survey = store.surveys().find(Filters.eq(Surveys.TOKEN, token)).first();
        if (survey == null || !SurveyMethod.valueOf(survey.getString(Surveys.METHOD)).byLink()) {
            throw new SurveyRefusedException(SurveyAcceptance.Refusal.UNKNOWN, "no survey has this token");
        }
        return survey;
    }

    /** The newest IVR survey of a call (a ticket resolved twice has had two surveys). */
    public Document byCall(String callId) {
        Document survey = store.surveys().find(Filters.and(Filters.eq(Surveys.CALL_ID, callId),
                Filters.eq(Surveys.METHOD, SurveyMethod.IVR.name()))).sort(Sorts.descending(Surveys.RESOLVED_AT)).first();
        if (survey == null) {
            throw new SurveyRefusedException(SurveyAcceptance.Refusal.UNKNOWN, "no phone survey was requested for call " + callId);
        }
        return survey;
    }

    public record Answered(Document survey, boolean lowSatisfaction, String reason) {
    }

    public Answered answer(Document survey, SurveyAnswer answer, Via via) {
        Instant now = clock.instant();
        refuseIfClosed(survey, now);
        Optional<LowSatisfactionPolicy.Flag> flag = lowSatisfaction.assess(answer);
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.set(Surveys.STATUS, Surveys.ANSWERED));
        updates.add(Updates.set(Surveys.RESPONSE, new Document("csat", answer.csat()).append("nps", answer.nps())
                .append("resolvedOnFirstContact", answer.resolvedOnFirstContact()).append("comment", answer.comment())
                .append("language", answer.language()).append("via", via.name()).append("receivedAt", Surveys.date(now))));
        updates.add(Updates.set(Surveys.RESPONSES, 1));
        if (answer.csat() != null) {
            updates.add(Updates.set(Surveys.CSAT_PREFIX + answer.csat(), 1));
        }
        if (answer.nps() != null) {
            updates.add(Updates.set(Surveys.NPS_ANSWERS, 1));
            updates.add(Updates.set(Surveys.PROMOTERS, answer.promoter() ? 1 : 0));
            updates.add(Updates.set(Surveys.DETRACTORS, answer.detractor() ? 1 : 0));
        }
        if (answer.resolvedOnFirstContact() != null) {
            updates.add(Updates.set(Surveys.CUSTOMER_FCR_ANSWERS, 1));
            updates.add(Updates.set(Surveys.CUSTOMER_FCR_YES, answer.resolvedOnFirstContact() ? 1 : 0));
        }
        DocumentChange change = DocumentChange.of(survey.getString("_id"))
                .where(Filters.eq(Surveys.STATUS, Surveys.REQUESTED))
                .where(Filters.gt(Surveys.EXPIRES_AT, Surveys.date(now)))
                .publish(Topic.FEEDBACK, events.feedbackReceived(survey, answer, flag.isPresent(), now));
        if (flag.isPresent()) {
            updates.add(Updates.set(Surveys.LOW, 1));
            updates.add(Updates.set(Surveys.LOW_SATISFACTION, new Document("reason", flag.get().reason())
                    .append("reopenRequested", flag.get().reopenRequested()).append("flaggedAt", Surveys.date(now))));
            change.publish(Topic.FEEDBACK, events.lowSatisfactionFlagged(survey, answer, flag.get(), now));
        }
        change.update(Updates.combine(updates));
        ChangeResult result = outbox.apply(store.surveys(), change);
        if (!result.applied()) {
            // Answered or expired meanwhile: say which, from the document as it is now.
            Document current = store.surveys().find(Filters.eq("_id", survey.getString("_id"))).first();
            refuseIfClosed(current, clock.instant());
            throw new SurveyRefusedException(SurveyAcceptance.Refusal.ALREADY_ANSWERED, "the survey was answered meanwhile");
        }
        relay.wakeUp();
        return new Answered(survey, flag.isPresent(), flag.map(LowSatisfactionPolicy.Flag::reason).orElse(null));
    }

    private static void refuseIfClosed(Document survey, Instant now) {
        Optional<SurveyAcceptance.Refusal> refusal = SurveyAcceptance.check(survey != null,
                survey != null && !Surveys.NOT_SURVEYED.equals(survey.getString(Surveys.STATUS)),
                survey != null && Surveys.ANSWERED.equals(survey.getString(Surveys.STATUS)),
                survey == null ? null : Surveys.instant(survey, Surveys.EXPIRES_AT), now);
        if (refusal.isPresent()) {
            throw new SurveyRefusedException(refusal.get(), switch (refusal.get()) {
                case UNKNOWN -> "no such survey";
                case NOT_SURVEYED -> "this contact was not surveyed";
                case ALREADY_ANSWERED -> "the survey was answered already: one response per survey";
                case EXPIRED -> "the survey expired at " + Surveys.instant(survey, Surveys.EXPIRES_AT);
            });
        }
    }
}
