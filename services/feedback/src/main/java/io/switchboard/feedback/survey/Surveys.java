package io.switchboard.feedback.survey;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * The fields of a survey document (one per resolution of a ticket: a "contact"). The counters under {@code m}
 * are what the metric aggregations sum; each contact holds 0 or 1 in most of them (see docs/services/feedback.md).
 */
public final class Surveys {

    public static final String TICKET_ID = "ticketId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String AGENT_ID = "agentId";
    public static final String SKILL_GROUP_ID = "skillGroupId";
    public static final String CATEGORY = "category";
    public static final String TIER = "customerTier";
    public static final String PRIORITY = "priority";
    public static final String CHANNEL = "channel";
    public static final String LANGUAGE = "language";
    public static final String RESOLVED_AT = "resolvedAt";
    public static final String HANDLING_SECONDS = "handlingTimeSeconds";
    public static final String FIRST_CONTACT = "firstContactResolution";
    public static final String METHOD = "method";
    public static final String STATUS = "status";
    public static final String TOKEN = "token";
    public static final String CALL_ID = "callId";
    public static final String REQUESTED_AT = "requestedAt";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String REMIND_AT = "remindAt";
    public static final String RESPONSE = "response";
    public static final String LOW_SATISFACTION = "lowSatisfaction";
    public static final String QUALITY = "quality";

    /** Survey sent, no answer yet. */
    public static final String REQUESTED = "REQUESTED";
    public static final String ANSWERED = "ANSWERED";
    /** The contact's channel has no survey; it still counts in handling time and first-contact resolution. */
    public static final String NOT_SURVEYED = "NOT_SURVEYED";

    /** The metric counters, summed by the aggregations. */
    public static final String M = "m.";
    public static final String CONTACTS = M + "contacts";
    public static final String SURVEYED = M + "surveyed";
    public static final String RESPONSES = M + "responses";
    public static final String CSAT_PREFIX = M + "csat";
    public static final String NPS_ANSWERS = M + "npsAnswers";
    public static final String PROMOTERS = M + "promoters";
    public static final String DETRACTORS = M + "detractors";
    public static final String FCR_YES = M + "fcrYes";
    public static final String CUSTOMER_FCR_ANSWERS = M + "customerFcrAnswers";
    public static final String CUSTOMER_FCR_YES = M + "customerFcrYes";
    public static final String HANDLING_COUNT = M + "handlingCount";
    public static final String HANDLING_SUM = M + "handlingSeconds";
    public static final String LOW = M + "lowSatisfaction";
    public static final String REVIEWED = M + "reviewed";
    public static final String REVIEW_SCORE_SUM = M + "reviewScoreSum";

    public static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private Surveys() {
    }
}
