package io.switchboard.eventing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The consuming side of "nothing doubled": a consumer group records each event id it applies, in
 * the same transaction as the effect. A redelivered event finds its id and changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records the event as processed by the group; false when it already was. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(String consumerGroup, String eventId) {
        int inserted = entityManager.createNativeQuery(
                        "insert into processed_event (consumer_group, event_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, consumerGroup)
                .setParameter(2, eventId)
                .executeUpdate();
        return inserted == 1;
    }
}
