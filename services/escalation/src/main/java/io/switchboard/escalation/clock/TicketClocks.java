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
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

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
    /** The facts of the batch this thread's {@link #recordAll} is collecting, by ticket id; null outside one. */
    private final ThreadLocal<SortedMap<String, List<TicketFact>>> collecting = new ThreadLocal<>();

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

    /** Adds a fact to its ticket (once per event id) and settles the ticket; inside {@link #recordAll}, the batch's facts wait for it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String ticketId, TicketFact fact) {
        SortedMap<String, List<TicketFact>> batch = collecting.get();
        if (batch != null) {
            batch.computeIfAbsent(ticketId, id -> new ArrayList<>()).add(fact);
            return;
        }
        settleAll(new TreeMap<>(Map.of(ticketId, List.of(fact))));
    }

    /**
     * Runs the callbacks of a batch of events (which call {@link #record}), then settles their tickets
     * together: the rows created and locked in one statement each, in id order, every fact added and
     * evaluated in its order as one by one would, the notices in one outbox batch, the clock rows in
     * two statements. A callback that throws leaves nothing (the caller's transaction rolls back).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<Runnable> callbacks) {
        SortedMap<String, List<TicketFact>> batch = new TreeMap<>();
        collecting.set(batch);
        try {
            callbacks.forEach(Runnable::run);
        } finally {
            collecting.remove();
        }
        settleAll(batch);
    }

    private void settleAll(SortedMap<String, List<TicketFact>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<SlaTicketRow> rows = lockAll(batch.keySet(), now);
        lockIncidents(rows);
        List<Outbox.Message> out = new ArrayList<>();
        List<ClockRows.TicketClocks> evaluated = new ArrayList<>();
        for (SlaTicketRow row : rows) {
            List<TicketFact> facts = codec.facts(row.facts);
            Set<String> known = new HashSet<>();
            facts.forEach(f -> known.add(f.eventId()));
            TicketSla sla = null;
            for (TicketFact fact : batch.get(row.ticketId)) {
                if (!known.add(fact.eventId())) {
                    continue;
                }
                facts.add(fact);
                // Each fact settled in its turn: a notice true between two facts is published as one by one would.
                sla = settle(row, ClockRules.evaluate(facts, policies.history(), now), now, out);
            }
            if (sla == null) {
                continue; // every fact already known
            }
            row.facts = codec.write(facts);
            if (sla.opened() != null) {
                evaluated.add(new ClockRows.TicketClocks(row.ticketId, sla.clocks()));
            }
        }
        outbox.publishAll(Topic.SLA, out);
        clocks.replace(evaluated, now);
    }

    /**
     * Creates the rows of tickets not seen yet and locks all of them, in id order (byte order, as the
     * service's other lockers sort: {@code collate "C"} matches Java's order for the ids' characters).
     */
    private List<SlaTicketRow> lockAll(Collection<String> ticketIds, Instant now) {
        String[] ids = ticketIds.toArray(String[]::new);
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into sla_ticket (ticket_id, facts, published, updated_at) "
                    + "select id, '[]', '[]', ? from unnest(?) as id order by id collate \"C\" on conflict do nothing")) {
                insert.setTimestamp(1, Timestamp.from(now));
                insert.setArray(2, connection.createArrayOf("varchar", ids));
                insert.executeUpdate();
            }
        });
        @SuppressWarnings("unchecked")
        List<SlaTicketRow> rows = entityManager.createNativeQuery("select * from sla_ticket where ticket_id in (?1) "
                + "order by ticket_id collate \"C\" for update", SlaTicketRow.class).setParameter(1, ticketIds).getResultList();
        return rows;
    }

    /**
     * Locks, in id order, the incidents the tickets belong to, before settling them: settling may
     * re-plan them, and two transactions taking them ticket by ticket could take them in opposite orders.
     */
    private void lockIncidents(List<SlaTicketRow> rows) {
        List<String> linked = rows.stream().filter(r -> r.incidentId != null).map(r -> r.ticketId).toList();
        if (!linked.isEmpty()) {
            entityManager.createNativeQuery("select incident_id from major_incident where incident_id in "
                    + "(select incident_id from major_incident_ticket where ticket_id in (?1)) order by incident_id collate \"C\" for update")
                    .setParameter(1, linked).getResultList();
        }
    }

    /** Settles tickets whose timers are due, in one batch of events and clock rows; the caller holds their row locks (skip locked: it never waits for them). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fire(List<SlaTicketRow> rows, Instant now) {
        lockIncidents(rows);
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

    /** The ticket's row, locked; null when the service has never heard of it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SlaTicketRow lock(String ticketId) {
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
