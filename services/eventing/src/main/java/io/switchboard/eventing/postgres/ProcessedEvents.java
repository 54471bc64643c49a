package io.switchboard.eventing.postgres;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.eventing.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The consuming side of "nothing doubled" on PostgreSQL: a consumer group records each event id it
 * applies, in the same transaction as the effect. A redelivered event finds its id and changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents implements EventInbox {

    private final EntityManager entityManager;

    ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public boolean applyOnce(String consumerGroup, String eventId, Runnable effect) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!markProcessed(consumerGroup, eventId)) {
                return false;
            }
            effect.run();
            return true;
        });
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
