package io.switchboard.intake.channel;

import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.Severity;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.contracts.tickets.ResolutionCode;
import io.switchboard.intake.domain.IntakeFacts;
import io.switchboard.intake.ticket.Ticket;
import io.switchboard.intake.ticket.TicketLifecycleService;
import io.switchboard.intake.ticket.TicketOpening;
import io.switchboard.intake.ticket.TicketRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

/**
 * Incidents from monitoring (PagerDuty Events v2 semantics, from REST or Kafka, and Alertmanager):
 * a trigger opens a ticket or adds an occurrence to the open one with its dedup key; acknowledge
 * and resolve act on that open ticket, and are no-ops when there is none (as in PagerDuty). A monitoring
 * system's acknowledge is not a person's first response: the ticket records it apart.
 */
@ApplicationScoped
public class MonitoringIntake {

    private final TicketOpening opening;
    private final TicketRepository tickets;
    private final TicketLifecycleService lifecycle;

    MonitoringIntake(TicketOpening opening, TicketRepository tickets, TicketLifecycleService lifecycle) {
        this.opening = opening;
        this.tickets = tickets;
        this.lifecycle = lifecycle;
    }

    /** @param startedAt when the source says the fault started (or was detected), or null */
    public record Trigger(String source, String customerId, String dedupKey, String summary, Severity severity,
                          String product, String category, String component, String description, Instant startedAt) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public TicketOpening.Intake trigger(Trigger trigger) {
        IntakeFacts facts = IntakeFacts.of(Channel.MONITORING).withSeverity(trigger.severity());
        if (trigger.category() != null) {
            facts = facts.withCategory(trigger.category(), "integration " + trigger.source());
        }
        return opening.open(new TicketOpening.NewWork(Channel.MONITORING, trigger.customerId(), facts, trigger.summary(),
                trigger.description(), trigger.product() != null ? trigger.product() : trigger.component(), null, null,
                trigger.source(), trigger.dedupKey(), trigger.dedupKey(), trigger.source(), null, trigger.startedAt()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Ticket> acknowledge(String source, String dedupKey) {
        return tickets.openByDedupKey(source, dedupKey)
                .filter(t -> t.status == TicketStatus.OPEN || t.status == TicketStatus.REOPENED)
                .map(t -> lifecycle.acknowledgeBySystem(t.id, source));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Ticket> resolve(String source, String dedupKey) {
        return tickets.openByDedupKey(source, dedupKey)
                .map(t -> lifecycle.resolve(t.id, ResolutionCode.FIXED, false, "resolved by " + source, source));
    }
}
