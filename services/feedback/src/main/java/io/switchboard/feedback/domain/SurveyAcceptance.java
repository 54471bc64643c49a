package io.switchboard.feedback.domain;

import java.time.Instant;
import java.util.Optional;

/** Whether a survey still takes an answer: one answer per survey, none after its expiry. */
public final class SurveyAcceptance {

    /** Why an answer is refused. */
    public enum Refusal {
        /** No survey has the token or call id. */
        UNKNOWN,
        /** The survey was answered already: one response per survey. */
        ALREADY_ANSWERED,
        /** The survey's expiry has passed. */
        EXPIRED,
        /** The contact was not surveyed (its channel has no survey). */
        NOT_SURVEYED
    }

    /**
     * @param exists    whether a survey was found
     * @param answered  whether it has a response
     * @param surveyed  whether a survey was sent at all
     * @param expiresAt its expiry
     */
    public static Optional<Refusal> check(boolean exists, boolean surveyed, boolean answered, Instant expiresAt, Instant now) {
        if (!exists) {
            return Optional.of(Refusal.UNKNOWN);
        }
        if (!surveyed) {
            return Optional.of(Refusal.NOT_SURVEYED);
        }
        if (answered) {
            return Optional.of(Refusal.ALREADY_ANSWERED);
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return Optional.of(Refusal.EXPIRED);
        }
        return Optional.empty();
    }

    private SurveyAcceptance() {
    }
}
