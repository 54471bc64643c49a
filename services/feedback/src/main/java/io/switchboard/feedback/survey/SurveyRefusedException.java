package io.switchboard.feedback.survey;

import io.switchboard.feedback.domain.SurveyAcceptance;

/** An answer the survey does not take; mapped at the edge to 404, 409 or 410. */
public class SurveyRefusedException extends RuntimeException {

    private final SurveyAcceptance.Refusal refusal;

    public SurveyRefusedException(SurveyAcceptance.Refusal refusal, String detail) {
        super(detail);
        this.refusal = refusal;
    }

    public SurveyAcceptance.Refusal refusal() {
        return refusal;
    }
}
