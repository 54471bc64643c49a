package io.switchboard.escalation.domain;

import io.switchboard.contracts.common.SupportLevel;

import java.time.Instant;
import java.util.List;

/**
 * A ticket's SLA at one instant, computed from its facts: the terms it runs under and why, its
 * level, its clocks, every notice due so far (the caller publishes those it has not yet published)
 * and when the next one falls due (the ticket's durable timer).
 */
public record TicketSla(TicketFact.Opened opened, SlaTerms terms, List<Binding> bindings, SupportLevel level,
                        String skillGroupId, List<SlaClock> clocks, List<Notice> notices, Instant nextDueAt,
                        boolean resolved, boolean closed) {

    /** Each time the ticket's terms were set: at opening, then at each re-evaluation, with the reason. */
    public record Binding(Instant at, String policyId, int policyVersion, String priority, String tier, String category,
                          String reason) {
    }

    /** Facts without a TicketOpened yet: nothing runs until the opening arrives. */
    static TicketSla waitingForOpening() {
        return new TicketSla(null, null, List.of(), null, null, List.of(), List.of(), null, false, false);
    }

    public boolean open() {
        return opened != null && !closed;
    }
}
