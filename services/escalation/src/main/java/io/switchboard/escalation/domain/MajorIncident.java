package io.switchboard.escalation.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A major incident: one fault, many customers' tickets. It owes a progress update every interval
 * from its declaration until every linked ticket is resolved, and a compensation review once its
 * impact (from the earliest time the problem started) passes the policy's limit while unresolved.
 */
public record MajorIncident(String id, Instant declaredAt, Instant impactStartedAt, Duration progressInterval,
                            Duration reviewAfter, List<Linked> tickets, int updatesSent, boolean reviewSent) {

    public record Linked(String ticketId, String customerId, Instant resolvedAt) {
    }

    public MajorIncident {
        tickets = List.copyOf(tickets);
    }

    /** When the last linked ticket was resolved; empty while any is open. */
    public Optional<Instant> resolvedAt() {
        if (tickets.isEmpty() || tickets.stream().anyMatch(t -> t.resolvedAt() == null)) {
            return Optional.empty();
        }
        return tickets.stream().map(Linked::resolvedAt).max(Instant::compareTo);
    }

    /**
     * The progress update due at {@code now} that has not been sent: the latest whose time has come
     * before the incident was resolved (after an outage, one reminder, not one per missed hour).
     */
    public Optional<Integer> updateDue(Instant now) {
        Instant until = resolvedAt().orElse(null);
        int latest = updatesSent;
        for (int n = updatesSent + 1; ; n++) {
            Instant due = updateTime(n);
            if (due.isAfter(now) || until != null && !due.isBefore(until)) {
                break;
            }
            latest = n;
        }
        return latest > updatesSent ? Optional.of(latest) : Optional.empty();
    }

    public Instant updateTime(int sequence) {
        return declaredAt.plus(progressInterval.multipliedBy(sequence));
    }

    public Instant reviewTime() {
        return impactStartedAt.plus(reviewAfter);
    }

    public boolean reviewDue(Instant now) {
        Instant until = resolvedAt().orElse(null);
        return !reviewSent && !reviewTime().isAfter(now) && (until == null || reviewTime().isBefore(until));
    }

    /** The incident's timer after {@code now}'s notices are sent: the next update or the review, null when resolved. */
    public Instant nextDueAt(Instant now, int updatesSentNow, boolean reviewSentNow) {
        if (resolvedAt().isPresent()) {
            return null;
        }
        Instant next = declaredAt.plus(progressInterval.multipliedBy(updatesSentNow + 1L));
        if (!reviewSentNow && reviewTime().isBefore(next)) {
            next = reviewTime();
        }
        return next.isAfter(now) ? next : now;
    }

    public long impactMinutes(Instant now) {
        return Duration.between(impactStartedAt, resolvedAt().orElse(now)).toMinutes();
    }
}
