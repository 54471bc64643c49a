package io.switchboard.feedback.domain;

/**
 * How a survey reaches the customer: the telephony system plays it (IVR: answers come back with the call id),
 * or a link with a token goes out by e-mail, SMS or the web console. NONE: the contact is not surveyed
 * (e.g. tickets opened by monitoring), but it still counts in handling time and first-contact resolution.
 */
public enum SurveyMethod {
    IVR, EMAIL, SMS, WEB, NONE;

    /** Whether the answer comes back with a token (a link), not with a call id. */
    public boolean byLink() {
        return this == EMAIL || this == SMS || this == WEB;
    }
}
