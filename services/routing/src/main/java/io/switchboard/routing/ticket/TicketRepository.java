package io.switchboard.routing.ticket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Routed tickets: locked one by one for a change, or taken from queues without waiting on each other. */
@ApplicationScoped
public class TicketRepository {

    private final EntityManager em;

    TicketRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * The tickets of the batch of events this thread is applying, read and locked with plain JDBC (plain
     * objects, not entities: written by {@link #writeBatch}), by id (null for those routing does not
     * know yet), and those the batch opened; null outside such a batch.
     */
    private static final class Batch {
        final Map<String, RoutedTicket> known = new HashMap<>();
        final List<TicketRows.Read> read = new ArrayList<>();
        final List<RoutedTicket> added = new ArrayList<>();
    }

    private final ThreadLocal<Batch> batch = new ThreadLocal<>();

    /**
     * Locks and reads the tickets of a batch of events in one statement (in id order, so that two
     * transactions lock them in the same order); until {@link #endBatch}, this thread's {@link #find}
     * and {@link #lock} of them read no more, and their rows are written by {@link #writeBatch}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockBatch(Collection<String> ticketIds) {
        Batch b = new Batch();
        ticketIds.forEach(id -> b.known.put(id, null));
        b.read.addAll(em.unwrap(Session.class).doReturningWork(connection -> TicketRows.lock(connection, b.known.keySet())));
        b.read.forEach(r -> b.known.put(r.row().id, r.row()));
        batch.set(b);
    }

    /** Writes the rows of the open batch and ends it: inserts of the tickets it opened, updates of those it changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void writeBatch() {
        Batch b = batch.get();
        if (b == null) {
            return;
        }
        batch.remove(); // from now on the rows are read from the database again
        em.unwrap(Session.class).doWork(connection -> {
            TicketRows.insert(connection, b.added);
            TicketRows.update(connection, b.read);
        });
    }

    public void endBatch() {
        batch.remove();
    }

    /** The ticket if routing knows it (a ticket of the open batch without another statement). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<RoutedTicket> find(String ticketId) {
        Batch b = batch.get();
        if (b != null && b.known.containsKey(ticketId)) {
            return Optional.ofNullable(b.known.get(ticketId));
        }
        return Optional.ofNullable(em.find(RoutedTicket.class, ticketId));
    }

    /** A ticket routing now knows: persisted, or inserted at the end of the open batch ({@link #writeBatch}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(RoutedTicket row) {
        Batch b = batch.get();
        if (b == null) {
            row.persist();
            return;
        }
        b.known.put(row.id, row);
        b.added.add(row);
    }

    /** The ticket, locked for this transaction: its changes are serialised across instances. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<RoutedTicket> lock(String ticketId) {
        Batch b = batch.get();
        if (b != null && b.known.containsKey(ticketId)) {
            return Optional.ofNullable(b.known.get(ticketId)); // locked by lockBatch, or created by this transaction
        }
        return Optional.ofNullable(em.find(RoutedTicket.class, ticketId, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * The head of the queues of these groups, in queue order (emergencies, priority, age), locked;
     * tickets another transaction holds are passed over rather than waited for.
     */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.MANDATORY)
    public List<RoutedTicket> queueHeads(List<String> groupIds, int limit) {
        if (groupIds.isEmpty()) {
            return List.of();
        }
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < groupIds.size(); i++) {
            in.append(i == 0 ? "?" : ", ?").append(i + 1);
        }
        Query q = em.createNativeQuery("select * from routed_ticket where status = 'QUEUED' and group_id in (" + in + ")"
                + " order by emergency desc, priority, queued_at, id limit " + Math.max(1, limit) + " for update skip locked", RoutedTicket.class);
        for (int i = 0; i < groupIds.size(); i++) {
            q.setParameter(i + 1, groupIds.get(i));
        }
        return q.getResultList();
    }

    public List<RoutedTicket> worklist(String agentId) {
        return RoutedTicket.list("agentId = ?1 and status = ?2 order by assignedAt", agentId, RoutedTicket.Status.ASSIGNED);
    }

    public List<DecisionRow> history(String ticketId) {
        return DecisionRow.list("ticketId = ?1 order by id", ticketId);
    }

    /** Those of the groups that have a queue. */
    @SuppressWarnings("unchecked")
    public List<String> groupsWithQueue(java.util.Collection<String> groupIds) {
        if (groupIds.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery("select distinct group_id from routed_ticket where status = 'QUEUED' and group_id = any(cast(?1 as varchar[]))")
                .setParameter(1, groupIds.toArray(String[]::new)).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<String> groupsWithQueue() {
        return em.createNativeQuery("select distinct group_id from routed_ticket where status = 'QUEUED'").getResultList();
    }

    /** Tickets to decide again: queued until an opening that has come, and unroutable ones once a minute (a group may have been added). */
    @SuppressWarnings("unchecked")
    public List<String> dueForAnotherDecision(java.time.Instant now, int limit) {
        return em.createNativeQuery("select id from routed_ticket where status in ('QUEUED', 'UNROUTABLE') and wait_until <= ?1 "
                + "order by wait_until limit " + limit)
                .setParameter(1, java.sql.Timestamp.from(now)).getResultList();
    }
}
