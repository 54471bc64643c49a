package io.switchboard.routing.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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

    AgentRepository(EntityManager em) {
        this.em = em;
    }

    /** Takes one unit of the agent's capacity; false when they are not available or already full. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String agentId, Instant at) {
        em.flush();
        return em.createNativeQuery("update agent set load = load + 1, last_assigned_at = ?1 "
                        + "where id = ?2 and load < capacity and presence = 'AVAILABLE'")
                .setParameter(1, Timestamp.from(at)).setParameter(2, agentId).executeUpdate() == 1;
    }

    /** Gives one unit of capacity back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(String agentId) {
        em.flush();
        em.createNativeQuery("update agent set load = greatest(load - 1, 0) where id = ?1")
                .setParameter(1, agentId).executeUpdate();
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
    public List<AgentRow> managersOf(String customerId) {
        return em.createNativeQuery("select * from agent where managed_customers @> cast(?1 as jsonb)", AgentRow.class)
                .setParameter(1, "[\"" + customerId.replace("\"", "") + "\"]").getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<String> availableWithRoom() {
        return em.createNativeQuery("select id from agent where presence = 'AVAILABLE' and load < capacity order by id").getResultList();
    }
}
