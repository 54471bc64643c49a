package io.switchboard.escalation.rest;

import io.switchboard.escalation.domain.SlaClock;
import io.switchboard.escalation.domain.TicketSla;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code GET /api/v1/sla/tickets/{id}}: each clock with its policy and version, target, time used, pauses, due time, warnings sent and state. */
public record TicketSlaView(String ticketId, String customerId, String supportLevel, List<TicketSla.Binding> policy,
                            List<Clock> clocks, Instant nextDueAt, String majorIncidentId) {

    public record Clock(String key, String metric, String policyId, int policyVersion, long targetSeconds, long usedSeconds,
                        long percentUsed, String timeBasis, String calendarId, Instant startedAt, Instant stoppedAt, Instant dueAt,
                        List<SlaClock.Pause> pauses, List<Integer> warningsSent, boolean breachSent, String state) {
    }

    static TicketSlaView of(String ticketId, TicketSla sla, Set<String> published, String incidentId) {
        List<Clock> clocks = sla.clocks().stream().map(c -> new Clock(c.key(), c.metric().name(), c.policyId(), c.policyVersion(),
                c.target().toSeconds(), c.used().toSeconds(), c.percentUsed(), c.basis().name(), c.calendarId(), c.startedAt(),
                c.stoppedAt(), c.dueAt(), c.pauses(),
                sla.terms() == null ? List.of() : published.stream().filter(k -> k.startsWith("warning:" + c.key() + ":"))
                        .map(k -> Integer.parseInt(k.substring(k.lastIndexOf(':') + 1))).sorted().toList(),
                published.contains("breached:" + c.key()), c.state().name())).toList();
        return new TicketSlaView(ticketId, sla.opened().customerId(), sla.level().name(), sla.bindings(), clocks, sla.nextDueAt(), incidentId);
    }
}
