package io.switchboard.escalation.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One clock of a ticket as it stands at the time of evaluation. {@code key} is the metric and its
 * cycle ({@code RESOLUTION#2} after a reopen, {@code NEXT_UPDATE#3} for the third update interval).
 * {@code used} is counted time (business time on a business calendar), pauses excluded; {@code dueAt}
 * is when the target falls due if nothing pauses it (null while paused).
 */
public record SlaClock(String key, Metric metric, int cycle, String policyId, int policyVersion, Duration target,
                       TimeBasis basis, String calendarId, Instant startedAt, Instant stoppedAt, Duration used,
                       List<Pause> pauses, Instant dueAt, ClockState state, List<Integer> warningsPassed) {

    public record Pause(Instant from, Instant to) {
    }

    /** Share of the target used, in percent. */
    public long percentUsed() {
        return target.isZero() ? 0 : used.toMillis() * 100 / target.toMillis();
    }
}
