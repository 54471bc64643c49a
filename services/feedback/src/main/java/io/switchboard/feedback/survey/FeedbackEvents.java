package io.switchboard.feedback.survey;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.feedback.FeedbackReceived;
import io.switchboard.contracts.feedback.LowSatisfactionFlagged;
import io.switchboard.contracts.feedback.QualityReviewAssigned;
import io.switchboard.contracts.feedback.SurveyChannel;
import io.switchboard.contracts.feedback.SurveyRequested;
import io.switchboard.eventing.Envelopes;
import io.switchboard.eventing.EventingConfig;
import io.switchboard.feedback.domain.LowSatisfactionPolicy;
import io.switchboard.feedback.domain.ReviewMethod;
import io.switchboard.feedback.domain.SurveyAnswer;
import io.switchboard.feedback.domain.SurveyMethod;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;

import java.time.Instant;

/**
 * The events of support.feedback.v1, built from a survey document; keyed by the ticket id. Their producer (the
 * CloudEvents source) is this deployment's {@code switchboard.eventing.service-name}, as the kit's PostgreSQL outbox
 * does for the other services.
 */
@ApplicationScoped
public class FeedbackEvents {

    private final String producer;

    FeedbackEvents(EventingConfig eventing) {
        this.producer = eventing.serviceName();
    }

    SpecificRecord surveyRequested(Document survey, Instant now) {
        SurveyMethod method = SurveyMethod.valueOf(survey.getString(Surveys.METHOD));
        SurveyRequested payload = SurveyRequested.newBuilder()
                .setSurveyId(survey.getString("_id"))
                .setTicketId(survey.getString(Surveys.TICKET_ID))
                .setCustomerId(survey.getString(Surveys.CUSTOMER_ID))
                .setChannel(SurveyChannel.valueOf(method.name()))
                .setLanguage(survey.getString(Surveys.LANGUAGE))
                .setRequestedAt(now)
                .setExpiresAt(Surveys.instant(survey, Surveys.EXPIRES_AT))
                .setAnswerToken(method.byLink() ? survey.getString(Surveys.TOKEN) : null)
                .setCallId(method == SurveyMethod.IVR ? survey.getString(Surveys.CALL_ID) : null)
                .setRemindAt(Surveys.instant(survey, Surveys.REMIND_AT))
                .setResolvedAt(Surveys.instant(survey, Surveys.RESOLVED_AT))
                .build();
        return wrap(survey, payload, now);
    }

    SpecificRecord feedbackReceived(Document survey, SurveyAnswer answer, boolean low, Instant now) {
        FeedbackReceived payload = FeedbackReceived.newBuilder()
                .setSurveyId(survey.getString("_id"))
                .setTicketId(survey.getString(Surveys.TICKET_ID))
                .setCustomerId(survey.getString(Surveys.CUSTOMER_ID))
                .setAgentId(survey.getString(Surveys.AGENT_ID))
                .setSkillGroupId(survey.getString(Surveys.SKILL_GROUP_ID))
                .setCsat(answer.csat())
                .setNps(answer.nps())
                .setFirstContactResolution(answer.resolvedOnFirstContact())
                .setHandlingTimeSeconds(survey.getLong(Surveys.HANDLING_SECONDS))
                .setComment(answer.comment())
                .setReceivedAt(now)
                .setLanguage(answer.language())
                .setLowSatisfaction(low)
                .build();
        return wrap(survey, payload, now);
    }

    SpecificRecord lowSatisfactionFlagged(Document survey, SurveyAnswer answer, LowSatisfactionPolicy.Flag flag, Instant now) {
        LowSatisfactionFlagged payload = LowSatisfactionFlagged.newBuilder()
                .setTicketId(survey.getString(Surveys.TICKET_ID))
                .setSurveyId(survey.getString("_id"))
                .setCustomerId(survey.getString(Surveys.CUSTOMER_ID))
                .setAgentId(survey.getString(Surveys.AGENT_ID))
                .setSkillGroupId(survey.getString(Surveys.SKILL_GROUP_ID))
                .setCsat(answer.csat())
                .setNps(answer.nps())
                .setReason(flag.reason())
                .setReopenRequested(flag.reopenRequested())
                .setFlaggedAt(now)
                .build();
        return wrap(survey, payload, now);
    }

    public SpecificRecord qualityReviewAssigned(Document survey, String reviewId, ReviewMethod method, String period,
                                                       Instant dueAt, Instant now) {
        QualityReviewAssigned payload = QualityReviewAssigned.newBuilder()
                .setReviewId(reviewId)
                .setTicketId(survey.getString(Surveys.TICKET_ID))
                .setAgentId(survey.getString(Surveys.AGENT_ID))
                .setMethod(io.switchboard.contracts.feedback.ReviewMethod.valueOf(method.name()))
                .setReviewerId(null)
                .setAssignedAt(now)
                .setDueAt(dueAt)
                .setSkillGroupId(survey.getString(Surveys.SKILL_GROUP_ID))
                .setPeriod(period)
                .build();
        return wrap(survey, payload, now);
    }

    private SpecificRecord wrap(Document survey, SpecificRecord payload, Instant now) {
        return Envelopes.wrap(Topic.FEEDBACK, survey.getString(Surveys.TICKET_ID), payload, producer, now, survey.getString("_id"));
    }
}
