package io.switchboard.routing.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /** Takes one unit of the agent's capacity; false when they are not available or already full. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String agentId, Instant at) {
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
        agentUpdate("update agent set load = greatest(load - 1, 0) where id = ?1").setParameter(1, agentId).executeUpdate();
        memory.released(agentId);
    }

    /**
     * A statement on the agent table: pending changes of other tables stay unflushed (they are written
     * once, at the end of the event). The memory follows this transaction's changes at once; should
     * the transaction roll back, it reads the desk again.
     */
    private Query agentUpdate(String sql) {
        if (transactions.getResource(AgentMemory.class) == null) {
            transactions.putResource(AgentMemory.class, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status != Status.STATUS_COMMITTED) {
                        memory.forget();
                    }
                }
            });
        }
        return em.createNativeQuery(sql).unwrap(NativeQuery.class).addSynchronizedQuerySpace("agent");
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
