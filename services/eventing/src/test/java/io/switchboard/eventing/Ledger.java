package io.switchboard.eventing;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.tickets.TicketEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * A test service's effect: one ledger row per applied ticket event. Events whose subject starts
 * with {@code fail-} make the handler throw every time; {@code reject-} makes it reject the event.
 */
@ApplicationScoped
public class Ledger implements EventHandler<TicketEvent> {

    private final EntityManager entityManager;

    Ledger(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Topic topic() {
        return Topic.TICKETS;
    }

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public void handle(TicketEvent event, EventMetadata metadata) {
        record(event.getSubject(), metadata.eventId());
        if (event.getSubject().startsWith("fail-")) {
            throw new IllegalStateException("the ledger cannot take " + event.getSubject());
        }
        if (event.getSubject().startsWith("reject-")) {
            throw new RejectedEventException("not a ledger event: " + event.getSubject());
        }
    }

    void record(String subject, String eventId) {
        entityManager.createNativeQuery("insert into ledger_entry (subject, event_id) values (?1, ?2)")
                .setParameter(1, subject).setParameter(2, eventId).executeUpdate();
    }

    long entries(String subject) {
        return ((Number) entityManager.createNativeQuery("select count(*) from ledger_entry where subject = ?1")
                .setParameter(1, subject).getSingleResult()).longValue();
    }

    long outboxRows(String eventId) {
        return ((Number) entityManager.createNativeQuery("select count(*) from outbox_event where event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue();
    }
}
