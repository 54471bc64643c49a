package io.switchboard.feedback.domain;

/**
 * SLA attainment from the clocks' outcomes: met / (met + missed). Cancelled clocks (a ticket withdrawn, a target
 * that no longer applies) measure nothing and are left out.
 */
public record SlaAttainment(long met, long missed, long cancelled) {

    /** 0..1, null when no clock was met or missed. */
    public Double rate() {
        long measured = met + missed;
        return measured == 0 ? null : (double) met / measured;
    }
}
