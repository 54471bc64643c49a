package io.switchboard.compensation.ticket;

/**
 * What a compensation review decided. A review issues no credit itself: the customer's money moves through the
 * availability ledger, claims and disputes; the review records whether that compensation is in place.
 */
public enum ReviewOutcome {
    /** The customer is compensated for the incident (by the ledger's credits, a claim or a dispute). */
    COMPENSATED,
    /** Nothing is due for the incident, for the reason given. */
    NO_COMPENSATION_DUE
}
