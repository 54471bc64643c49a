package io.switchboard.eventing.postgres;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.eventing.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

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

    /** The ids and the effects of the events not processed yet, in one transaction; one statement records the ids. */
    @Override
    public boolean[] applyAllOnce(String consumerGroup, List<String> eventIds, Consumer<List<Integer>> effect) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<String> fresh = markAllProcessed(consumerGroup, eventIds);
            boolean[] applied = new boolean[eventIds.size()];
            List<Integer> indexes = new ArrayList<>(fresh.size());
            for (int i = 0; i < eventIds.size(); i++) {
                if (fresh.remove(eventIds.get(i))) { // an id twice in the batch: its first record only
                    applied[i] = true;
                    indexes.add(i);
                }
            }
            effect.accept(indexes);
            return applied;
        });
    }

    /** Records the events as processed by the group; returns the ids that were not yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> markAllProcessed(String consumerGroup, List<String> eventIds) {
        Set<String> inserted = new HashSet<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into processed_event (consumer_group, event_id) "
                    + "select ?, unnest(?) on conflict do nothing returning event_id")) {
                insert.setString(1, consumerGroup);
                insert.setArray(2, connection.createArrayOf("varchar", eventIds.toArray()));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getString(1));
                    }
                }
            }
        });
        return inserted;
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
