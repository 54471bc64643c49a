package io.switchboard.escalation.domain;

import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.SupportLevel;

import java.time.Instant;

/**
 * Something the service owes the world about a ticket, due at {@code at}: a clock started, warned,
 * breached or stopped, an escalation, a major incident. Its {@code key} is stable, so a notice is
 * published exactly once however often the ticket is evaluated.
 */
public record Notice(String key, Kind kind, Instant at, SlaClock clock, int percent, SupportLevel fromLevel,
                     SupportLevel toLevel, Escalation reason, String by, EmergencyLevel emergencyLevel, String team) {

    public enum Kind { CLOCK_STARTED, WARNING, BREACHED, ESCALATED, MAJOR_INCIDENT, CLOCK_STOPPED }

    /** Why a ticket moved up; a level budget running out means the problem outgrew its level (complexity). */
    public enum Escalation { SLA_BREACH, COMPLEXITY, MAJOR_INCIDENT, MANUAL }

    static Notice ofClock(Kind kind, Instant at, SlaClock clock, int percent) {
        String key = switch (kind) {
            case CLOCK_STARTED -> "started:" + clock.key();
            case WARNING -> "warning:" + clock.key() + ":" + percent;
            case BREACHED -> "breached:" + clock.key();
            default -> "stopped:" + clock.key();
        };
        return new Notice(key, kind, at, clock, percent, null, null, null, null, null, null);
    }
}
