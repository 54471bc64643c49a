package io.switchboard.routing.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import io.switchboard.routing.domain.Agent;
import io.switchboard.routing.domain.Presence;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Agents' capacity, changed only by conditional updates: a claim succeeds only while the agent is
 * available and under capacity, checked and changed in one statement under the row lock, so that no
 * number of routing instances can give an agent more tickets than their capacity.
 */
@ApplicationScoped
public class AgentRepository {

    private final EntityManager em;
    private final AgentMemory memory;
    private final TransactionSynchronizationRegistry transactions;

    AgentRepository(EntityManager em, AgentMemory memory, TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.memory = memory;
        this.transactions = transactions;
    }

    /** Claims and releases held on this thread until {@link #writeHeld}: per agent, units claimed and released. */
    private static final class Held {
        final Map<String, Integer> claims = new TreeMap<>();
        final Map<String, Integer> releases = new TreeMap<>();
        final Map<String, Instant> claimedAt = new HashMap<>();
    }

    private final ThreadLocal<Held> held = new ThreadLocal<>();

    /**
     * From now until {@link #writeHeld}, on this thread (a batch of ticket events): claims are checked
     * against the memory and applied to it at once, and written to the database together, as one
     * conditional update per agent, by {@link #writeHeld}.
     */
    public void hold() {
        held.set(new Held());
    }

    /**
     * Writes the held releases, then the held claims (each agent's as one conditional update, in
     * agent order); throws {@link ClaimRefusedException} when the database refuses one (another instance
     * filled the agent or changed their presence meanwhile): the transaction must then roll back and
     * its events be applied again one by one, each claim checked on its own.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void writeHeld() {
        Held h = held.get();
        held.remove();
        if (h == null || (h.claims.isEmpty() && h.releases.isEmpty())) {
            return;
        }
        List<String> refused = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            if (!h.releases.isEmpty()) {
                try (PreparedStatement release = connection.prepareStatement("update agent set load = greatest(load - ?, 0) where id = ?")) {
                    for (Map.Entry<String, Integer> e : h.releases.entrySet()) {
                        release.setInt(1, e.getValue());
                        release.setString(2, e.getKey());
                        release.addBatch();
                    }
                    release.executeBatch();
                }
            }
            if (!h.claims.isEmpty()) {
                try (PreparedStatement claim = connection.prepareStatement("update agent set load = load + ?, last_assigned_at = ? "
                        + "where id = ? and load + ? <= capacity and presence = 'AVAILABLE'")) {
                    List<String> ids = new ArrayList<>(h.claims.keySet());
                    for (String id : ids) {
                        claim.setInt(1, h.claims.get(id));
                        claim.setTimestamp(2, Timestamp.from(h.claimedAt.get(id)));
                        claim.setString(3, id);
                        claim.setInt(4, h.claims.get(id));
                        claim.addBatch();
                    }
                    int[] counts = claim.executeBatch();
                    for (int i = 0; i < counts.length; i++) {
                        if (counts[i] == 0) {
                            refused.add(ids.get(i));
                        }
                    }
                }
            }
        });
        if (!refused.isEmpty()) {
            refused.forEach(memory::refused);
            throw new ClaimRefusedException(refused);
        }
    }

    /** Stops holding without writing (the batch failed; its transaction rolls back). */
    public void dropHeld() {
        held.remove();
    }

    /** A held claim the database refused: the batch is to be applied again one event at a time. */
    public static final class ClaimRefusedException extends RuntimeException {
        ClaimRefusedException(List<String> agentIds) {
            super("another instance filled or moved agents first: " + agentIds);
        }
    }

    /** Takes one unit of the agent's capacity; false when they are not available or already full. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String agentId, Instant at) {
        Held h = held.get();
        if (h != null) {
            Optional<Agent> known = memory.agent(agentId);
            if (known.isEmpty() || known.get().presence() != Presence.AVAILABLE || !known.get().hasRoom()) {
                return false;
            }
            touch(agentId);
            h.claims.merge(agentId, 1, Integer::sum);
            h.claimedAt.put(agentId, at);
            memory.claimed(agentId, at);
            return true;
        }
        touch(agentId);
        boolean claimed = agentUpdate("update agent set load = load + 1, last_assigned_at = ?1 "
                + "where id = ?2 and load < capacity and presence = 'AVAILABLE'")
                .setParameter(1, Timestamp.from(at)).setParameter(2, agentId).executeUpdate() == 1;
        if (claimed) {
            memory.claimed(agentId, at);
        } else {
            memory.refused(agentId);
        }
        return claimed;
    }

    /** Gives one unit of capacity back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(String agentId) {
        Held h = held.get();
        touch(agentId);
        if (h != null) {
            h.releases.merge(agentId, 1, Integer::sum);
            memory.released(agentId);
            return;
        }
        agentUpdate("update agent set load = greatest(load - 1, 0) where id = ?1").setParameter(1, agentId).executeUpdate();
        memory.released(agentId);
    }

    /**
     * A statement on the agent table: pending changes of other tables stay unflushed (they are written
     * once, at the end of the event).
     */
    private Query agentUpdate(String sql) {
        return em.createNativeQuery(sql).unwrap(NativeQuery.class).addSynchronizedQuerySpace("agent");
    }

    /**
     * This transaction changes the agent's load: the memory follows at once, and a reading of the desk
     * leaves that load alone until the transaction has ended (it could not see it); should the
     * transaction roll back, the memory reads the desk again.
     */
    private void touch(String agentId) {
        @SuppressWarnings("unchecked")
        Set<String> touched = (Set<String>) transactions.getResource(AgentMemory.class);
        if (touched == null) {
            Set<String> ids = new HashSet<>();
            touched = ids;
            transactions.putResource(AgentMemory.class, ids);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    memory.settled(ids, status == Status.STATUS_COMMITTED);
                }
            });
        }
        if (touched.add(agentId)) {
            memory.changing(agentId);
        }
    }

    /** The agent as the database has it now (not the persistence context's copy). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<AgentRow> current(String agentId) {
        AgentRow row = em.find(AgentRow.class, agentId);
        if (row != null) {
            em.refresh(row);
        }
        return Optional.ofNullable(row);
    }

    @SuppressWarnings("unchecked")
    public List<String> availableWithRoom() {
        return em.createNativeQuery("select id from agent where presence = 'AVAILABLE' and load < capacity order by id").getResultList();
    }
}
