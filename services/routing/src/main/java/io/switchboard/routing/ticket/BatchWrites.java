package io.switchboard.routing.ticket;

import io.switchboard.contracts.Topic;
import io.switchboard.eventing.postgres.Outbox;
import io.switchboard.routing.agent.AgentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.avro.specific.SpecificRecord;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writes of a batch of ticket events (one transaction), grouped: while a batch is open on this
 * thread, decision records, routing events, arrival counts and the agents whose capacity freed are
 * collected, then written at its end as one statement each (the events as one outbox batch, in the
 * order they were decided; the freed agents serve their queues first). Outside a batch (REST, the
 * sweep, the SLA consumer) each is written at once, as before.
 */
@ApplicationScoped
public class BatchWrites {

    private static final String INSERT_DECISION = "insert into routing_decision (ticket_id, decided_at, action, outcome, group_id, "
            + "agent_id, rule, reason, requirement, skipped, skipped_not_recorded, actor) values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)";

    private record ArrivalHour(String groupId, Instant hour) {
    }

    private record LanguageHour(String language, Instant hour) {
    }

    private static final class Pending {
        final List<DecisionRow> decisions = new ArrayList<>();
        final List<Outbox.Message> events = new ArrayList<>();
        final Map<ArrivalHour, Integer> arrivals = new LinkedHashMap<>();
        /** Per language and hour: assignments and their seconds from routing. */
        final Map<LanguageHour, double[]> answers = new LinkedHashMap<>();
        final Set<String> freed = new LinkedHashSet<>();
    }

    private final ThreadLocal<Pending> open = new ThreadLocal<>();
    private final EntityManager em;
    private final Outbox outbox;
    private final Arrivals arrivals;
    private final AnswerTimes answerTimes;
    private final TicketRepository tickets;
    private final AgentRepository agents;

    BatchWrites(EntityManager em, Outbox outbox, Arrivals arrivals, AnswerTimes answerTimes, TicketRepository tickets, AgentRepository agents) {
        this.em = em;
        this.outbox = outbox;
        this.arrivals = arrivals;
        this.answerTimes = answerTimes;
        this.tickets = tickets;
        this.agents = agents;
    }

    /**
     * Runs the callbacks of a batch in the caller's transaction, then {@code atEnd} (with the agents
     * whose capacity freed), then the grouped writes. With more than one callback: the batch's tickets
     * ({@code ticketIds}, may be empty) are read and locked first in one statement, the claims and
     * releases of capacity are held and written together after the callbacks ({@link AgentRepository#writeHeld};
     * a claim the database refuses fails the batch, whose events are then applied one by one), and
     * the tickets' rows are written once, after the callbacks, as plain JDBC batches ({@link TicketRows}).
     */
    public void run(Collection<String> ticketIds, List<Runnable> callbacks, java.util.function.Consumer<Set<String>> atEnd) {
        Pending pending = new Pending();
        open.set(pending);
        boolean grouped = callbacks.size() > 1;
        try {
            if (grouped) {
                if (!ticketIds.isEmpty()) {
                    tickets.lockBatch(ticketIds);
                }
                agents.hold();
            }
            for (Runnable callback : callbacks) {
                callback.run();
            }
            if (grouped) {
                agents.writeHeld();
                tickets.writeBatch(); // before the queues are served: they read the rows from the database
            }
            em.flush();
            if (!pending.freed.isEmpty()) {
                atEnd.accept(Set.copyOf(pending.freed));
                em.flush();
            }
            write(pending);
        } finally {
            open.remove();
            agents.dropHeld();
            tickets.endBatch();
        }
    }

    /** Records the decision now, or at the end of the open batch. */
    void decision(DecisionRow row) {
        Pending pending = open.get();
        if (pending == null) {
            row.persist();
        } else {
            pending.decisions.add(row);
        }
    }

    /** Publishes the routing event now, or at the end of the open batch (in order with the batch's other events). */
    void event(String ticketId, SpecificRecord payload) {
        Pending pending = open.get();
        if (pending == null) {
            outbox.publish(Topic.ROUTING, ticketId, payload);
        } else {
            pending.events.add(new Outbox.Message(ticketId, payload));
        }
    }

    /** Counts an arrival now, or at the end of the open batch (one upsert per group and hour). */
    void arrival(String groupId, Instant openedAt) {
        Pending pending = open.get();
        if (pending == null) {
            arrivals.count(groupId, openedAt);
        } else {
            pending.arrivals.merge(new ArrivalHour(groupId, openedAt.truncatedTo(ChronoUnit.HOURS)), 1, Integer::sum);
        }
    }

    /** Counts an assignment's time from routing now, or at the end of the open batch (one upsert per language and hour). */
    void answered(String language, Instant routedAt, Instant assignedAt) {
        double seconds = Math.max(0, java.time.Duration.between(routedAt, assignedAt).toNanos() / 1e9);
        Pending pending = open.get();
        if (pending == null) {
            answerTimes.add(language, assignedAt, 1, seconds);
        } else {
            double[] sum = pending.answers.computeIfAbsent(new LanguageHour(language, assignedAt.truncatedTo(ChronoUnit.HOURS)), k -> new double[2]);
            sum[0]++;
            sum[1] += seconds;
        }
    }

    /** True when the agent's queues are to be served at the end of the open batch; false when there is none (serve now). */
    boolean serveLater(String agentId) {
        Pending pending = open.get();
        if (pending == null) {
            return false;
        }
        pending.freed.add(agentId);
        return true;
    }

    private void write(Pending pending) {
        if (!pending.decisions.isEmpty()) {
            em.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_DECISION)) {
                    for (DecisionRow d : pending.decisions) {
                        insert.setString(1, d.ticketId);
                        insert.setTimestamp(2, Timestamp.from(d.decidedAt));
                        insert.setString(3, d.action);
                        insert.setString(4, d.outcome);
                        insert.setString(5, d.groupId);
                        insert.setString(6, d.agentId);
                        insert.setString(7, d.rule);
                        insert.setString(8, d.reason);
                        insert.setString(9, d.requirement);
                        insert.setString(10, DecisionRow.skippedJson(d.skipped));
                        insert.setInt(11, d.skippedNotRecorded);
                        insert.setString(12, d.actor);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            });
        }
        pending.arrivals.forEach((key, tickets) -> arrivals.add(key.groupId(), key.hour(), tickets));
        pending.answers.forEach((key, sum) -> answerTimes.add(key.language(), key.hour(), (int) sum[0], sum[1]));
        outbox.publishAll(Topic.ROUTING, pending.events);
    }
}
