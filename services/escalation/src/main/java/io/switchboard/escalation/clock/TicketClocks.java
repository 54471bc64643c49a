package io.switchboard.escalation.clock;

import io.switchboard.contracts.Topic;
import io.switchboard.escalation.domain.ClockRules;
import io.switchboard.escalation.domain.Metric;
import io.switchboard.escalation.domain.Notice;
import io.switchboard.escalation.domain.SlaClock;
import io.switchboard.escalation.domain.TicketFact;
import io.switchboard.escalation.domain.TicketSla;
import io.switchboard.escalation.incident.MajorIncidents;
import io.switchboard.escalation.policy.Policies;
import io.switchboard.eventing.postgres.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The application side of the clock rules: a ticket's row is locked, its facts evaluated at now,
 * every notice not yet published goes to the outbox in the same transaction, and the row keeps the
 * keys published and its next due time (the durable timer).
 */
@ApplicationScoped
public class TicketClocks {

    private static final Logger LOG = Logger.getLogger(TicketClocks.class);

    private final EntityManager entityManager;
    private final FactCodec codec;
    private final Policies policies;
    private final Outbox outbox;
    private final ClockRows clocks;
    private final MajorIncidents incidents;
    private final Clock clock;

    TicketClocks(EntityManager entityManager, FactCodec codec, Policies policies, Outbox outbox, ClockRows clocks,
                 MajorIncidents incidents, Clock clock) {
        this.entityManager = entityManager;
        this.codec = codec;
        this.policies = policies;
        this.outbox = outbox;
        this.clocks = clocks;
        this.incidents = incidents;
        this.clock = clock;
    }

    /** Adds a fact to its ticket (once per event id) and settles the ticket. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String ticketId, TicketFact fact) {
        SlaTicketRow row = lock(ticketId, true);
        List<TicketFact> facts = codec.facts(row.facts);
        if (facts.stream().anyMatch(f -> f.eventId().equals(fact.eventId()))) {
            return;
        }
        facts.add(fact);
        row.facts = codec.write(facts);
        Instant now = clock.instant();
        List<Outbox.Message> out = new ArrayList<>();
        TicketSla sla = settle(row, ClockRules.evaluate(facts, policies.history(), now), now, out);
        outbox.publishAll(Topic.SLA, out);
        if (sla.opened() != null) {
            clocks.replace(List.of(new ClockRows.TicketClocks(row.ticketId, sla.clocks())), now);
        }
    }

    /** Settles tickets whose timers are due, in one batch of events and clock rows; the caller holds their row locks. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fire(List<SlaTicketRow> rows, Instant now) {
        List<Outbox.Message> out = new ArrayList<>();
        List<ClockRows.TicketClocks> evaluated = new ArrayList<>();
        for (SlaTicketRow row : rows) {
            TicketSla sla;
            try {
                sla = ClockRules.evaluate(codec.facts(row.facts), policies.history(), now);
            } catch (RuntimeException e) {
                // One ticket that cannot be evaluated must not hold back every other due timer.
                LOG.errorf(e, "ticket %s cannot be evaluated; its timer is parked (next_due_at cleared) until its next event", row.ticketId);
                row.nextDueAt = null;
                continue;
            }
            settle(row, sla, now, out);
            if (sla.opened() != null) {
                evaluated.add(new ClockRows.TicketClocks(row.ticketId, sla.clocks()));
            }
        }
        outbox.publishAll(Topic.SLA, out);
        clocks.replace(evaluated, now);
    }

    /** The ticket's SLA now, without changing anything; empty when the service has never heard of it. */
    public Optional<TicketSla> view(String ticketId) {
        SlaTicketRow row = entityManager.find(SlaTicketRow.class, ticketId);
        return row == null ? Optional.empty() : Optional.of(ClockRules.evaluate(codec.facts(row.facts), policies.history(), clock.instant()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public SlaTicketRow lock(String ticketId, boolean create) {
        if (create) {
            entityManager.createNativeQuery("insert into sla_ticket (ticket_id, facts, published, updated_at) values (?1, '[]', '[]', ?2) "
                    + "on conflict do nothing").setParameter(1, ticketId).setParameter(2, clock.instant()).executeUpdate();
        }
        return entityManager.find(SlaTicketRow.class, ticketId, LockModeType.PESSIMISTIC_WRITE);
    }

    private TicketSla settle(SlaTicketRow row, TicketSla sla, Instant now, List<Outbox.Message> out) {
        Set<String> published = codec.keys(row.published);
        for (Notice notice : sla.notices()) {
            if (!published.add(notice.key())) {
                continue;
            }
            if (notice.kind() == Notice.Kind.MAJOR_INCIDENT && row.incidentId != null) {
                continue; // already covered by an incident a supervisor declared or linked it to
            }
            if (notice.kind() == Notice.Kind.MAJOR_INCIDENT) {
                String incidentId = "MI-" + row.ticketId;
                TicketFact.Opened o = sla.opened();
                out.addAll(incidents.declare(incidentId, o.summary(), notice.emergencyLevel(), notice.team(), "system", notice.at(),
                        policies.history().at(notice.at()), List.of(new MajorIncidents.Link(row.ticketId, o.customerId(), o.product(),
                                o.region(), o.problemStartedAt() != null ? o.problemStartedAt() : o.at()))));
                row.incidentId = incidentId;
            } else {
                out.add(new Outbox.Message(row.ticketId, SlaEvents.of(row.ticketId, notice, sla, now)));
            }
        }
        row.published = codec.write(published);
        row.nextDueAt = sla.nextDueAt();
        row.updatedAt = now;
        if (sla.opened() != null) {
            row.customerId = sla.opened().customerId();
            row.supportLevel = sla.level().name();
            if (row.incidentId != null) {
                incidents.ticketResolved(row.ticketId, sla.resolved() ? resolvedAt(sla) : null, now);
            }
        }
        return sla;
    }

    private static Instant resolvedAt(TicketSla sla) {
        Instant at = null;
        for (SlaClock c : sla.clocks()) {
            if (c.metric() == Metric.RESOLUTION && c.stoppedAt() != null) at = c.stoppedAt();
        }
        return at;
    }
}
