package io.switchboard.escalation.clock;

import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.escalation.domain.ClockRules;
import io.switchboard.escalation.domain.TicketFact;
import io.switchboard.escalation.domain.TicketSla;
import io.switchboard.escalation.policy.Policies;
import io.switchboard.web.errors.ResourceNotFoundException;
import io.switchboard.web.errors.RuleViolationException;
import io.switchboard.web.errors.StateTransitionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.UUID;

/** A supervisor's escalation by hand: a fact of the ticket like any other, so its clocks and level follow from it. */
@ApplicationScoped
public class Escalations {

    private final TicketClocks clocks;
    private final FactCodec codec;
    private final Policies policies;
    private final Clock clock;

    Escalations(TicketClocks clocks, FactCodec codec, Policies policies, Clock clock) {
        this.clocks = clocks;
        this.codec = codec;
        this.policies = policies;
        this.clock = clock;
    }

    /** Moves the ticket to {@code toLevel} (the next level when null); returns the ticket's SLA afterwards. */
    @Transactional
    public TicketSla escalate(String ticketId, SupportLevel toLevel, String reason, String by) {
        SlaTicketRow row = clocks.lock(ticketId);
        TicketSla before = row == null ? null : ClockRules.evaluate(codec.facts(row.facts), policies.history(), clock.instant());
        if (before == null || before.opened() == null) {
            throw new ResourceNotFoundException("ticket " + ticketId);
        }
        if (before.closed()) {
            throw new StateTransitionException("ticket " + ticketId + " is closed; a closed ticket is not escalated");
        }
        SupportLevel to = toLevel != null ? toLevel
                : before.level() == SupportLevel.L3 ? null : SupportLevel.values()[before.level().ordinal() + 1];
        if (to == null || to.ordinal() <= before.level().ordinal()) {
            throw new RuleViolationException("Not above the ticket's level",
                    "ticket " + ticketId + " is at " + before.level() + "; an escalation moves it to a higher level");
        }
        clocks.record(ticketId, new TicketFact.EscalatedByHand("manual-" + UUID.randomUUID(), clock.instant(), to, reason, by));
        return ClockRules.evaluate(codec.facts(row.facts), policies.history(), clock.instant());
    }
}
