package io.switchboard.feedback.survey;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.tickets.TicketResolved;
import io.switchboard.eventing.mongo.DocumentChange;
import io.switchboard.eventing.mongo.MongoOutbox;
import io.switchboard.feedback.domain.SurveyMethod;
import io.switchboard.feedback.domain.SurveyPolicy;
import io.switchboard.feedback.store.FeedbackStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A resolution of a ticket becomes a contact: one survey document, created once (its id is derived from the ticket
 * and the resolution time, and a second resolution event for the same resolution matches nothing), which publishes
 * SurveyRequested in the same single-document update when the channel is surveyed.
 */
@ApplicationScoped
public class SurveyRequests {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final FeedbackStore store;
    private final MongoOutbox outbox;
    private final SurveyPolicy policy;
    private final Clock clock;
    private final FeedbackEvents events;

    SurveyRequests(FeedbackStore store, MongoOutbox outbox, SurveyPolicy policy, Clock clock, FeedbackEvents events) {
        this.store = store;
        this.outbox = outbox;
        this.policy = policy;
        this.clock = clock;
        this.events = events;
    }

    public static String surveyId(String ticketId, Instant resolvedAt) {
        return "SV-" + ticketId + "-" + resolvedAt.toEpochMilli();
    }

    /** A survey's credential: 32 random bytes, URL-safe (43 characters). */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The effect of a TicketResolved: one guarded change of the contact's survey document. */
    public void request(TicketResolved resolved) {
        Instant now = clock.instant();
        Instant resolvedAt = resolved.getResolvedAt();
        Document ticket = store.tickets().find(Filters.eq("_id", resolved.getTicketId())).first();
        String callId = ticket == null ? null : ticket.getString(Surveys.CALL_ID);
        SurveyPolicy.SurveyPlan plan = policy.plan(resolved.getChannel().name(), resolvedAt);
        SurveyMethod method = plan.method();
        if (method == SurveyMethod.IVR && callId == null) {
            // The telephony system answers by call id; without one (the opening was not seen) a link is the honest way.
            method = SurveyMethod.EMAIL;
        }
        boolean surveyed = plan.surveyed();
        Long handling = resolved.getHandlingTimeSeconds();
        Document survey = new Document("_id", surveyId(resolved.getTicketId(), resolvedAt))
                .append(Surveys.TICKET_ID, resolved.getTicketId())
                .append(Surveys.CUSTOMER_ID, resolved.getCustomerId())
                .append(Surveys.AGENT_ID, resolved.getResolvedBy())
                .append(Surveys.SKILL_GROUP_ID, firstNonNull(resolved.getSkillGroupId(), ticket, Surveys.SKILL_GROUP_ID))
                .append(Surveys.CATEGORY, firstNonNull(resolved.getCategory(), ticket, Surveys.CATEGORY))
                .append(Surveys.TIER, resolved.getCustomerTier() != null ? resolved.getCustomerTier().name()
                        : ticket == null ? null : ticket.getString(Surveys.TIER))
                .append(Surveys.PRIORITY, resolved.getPriority() == null ? null : resolved.getPriority().name())
                .append(Surveys.CHANNEL, resolved.getChannel().name())
                .append(Surveys.LANGUAGE, resolved.getLanguage())
                .append(Surveys.RESOLVED_AT, Surveys.date(resolvedAt))
                .append(Surveys.HANDLING_SECONDS, handling)
                .append(Surveys.FIRST_CONTACT, resolved.getFirstContactResolution())
                .append(Surveys.METHOD, method.name())
                .append(Surveys.STATUS, surveyed ? Surveys.REQUESTED : Surveys.NOT_SURVEYED)
                .append(Surveys.TOKEN, newToken())
                .append(Surveys.CALL_ID, callId)
                .append(Surveys.REQUESTED_AT, surveyed ? Surveys.date(now) : null)
                .append(Surveys.EXPIRES_AT, Surveys.date(plan.expiresAt()))
                .append(Surveys.REMIND_AT, Surveys.date(plan.remindAt()));
        List<Bson> sets = new ArrayList<>();
        survey.forEach((field, value) -> {
            if (!"_id".equals(field)) {
                sets.add(Updates.set(field, value));
            }
        });
        sets.add(Updates.set(Surveys.CONTACTS, 1));
        sets.add(Updates.set(Surveys.SURVEYED, surveyed ? 1 : 0));
        sets.add(Updates.set(Surveys.FCR_YES, resolved.getFirstContactResolution() ? 1 : 0));
        sets.add(Updates.set(Surveys.HANDLING_COUNT, handling == null ? 0 : 1));
        sets.add(Updates.set(Surveys.HANDLING_SUM, handling == null ? 0L : handling));
        for (String counter : List.of(Surveys.RESPONSES, Surveys.NPS_ANSWERS, Surveys.PROMOTERS, Surveys.DETRACTORS,
                Surveys.CUSTOMER_FCR_ANSWERS, Surveys.CUSTOMER_FCR_YES, Surveys.LOW, Surveys.REVIEWED, Surveys.REVIEW_SCORE_SUM)) {
            sets.add(Updates.set(counter, 0));
        }
        for (int score = 1; score <= 5; score++) {
            sets.add(Updates.set(Surveys.CSAT_PREFIX + score, 0));
        }
        DocumentChange change = DocumentChange.of(survey.getString("_id")).upsert()
                // never a second survey for the same resolution: an existing document matches nothing
                .where(Filters.exists(Surveys.RESOLVED_AT, false))
                .update(Updates.combine(sets));
        if (surveyed) {
            change.publish(Topic.FEEDBACK, events.surveyRequested(survey, now));
        }
        outbox.apply(store.surveys(), change);
    }

    private static String firstNonNull(String value, Document ticket, String field) {
        return value != null ? value : ticket == null ? null : ticket.getString(field);
    }
}
