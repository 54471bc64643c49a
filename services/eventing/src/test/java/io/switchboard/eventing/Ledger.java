package io.switchboard.eventing;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.tickets.TicketStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A test service's effect: one ledger row per applied ticket status change. Events whose subject starts
 * with {@code fail-} make the handler throw every time; {@code reject-} makes it reject the event.
 */
@ApplicationScoped
public class Ledger implements EventHandler {

    private final EventConsumers consumers;
    private final EntityManager entityManager;

    Ledger(EntityManager entityManager, EventConsumers consumers) {
        this.entityManager = entityManager;
        this.consumers = consumers;
    }

    @Override
    public Topic topic() {
        return Topic.TICKETS;
    }

    @Override
    public String name() {
        return "ledger";
    }

    /** Status changes only: the ticket topic's other event types are skipped. */
    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.TICKETS).on(TicketStatusChanged.class, this::apply);
    }

    /** The connector's channel of this handler, named after it; the kit does the rest. */
    @Incoming("ledger")
    @Blocking
    void consume(ConsumerRecord<byte[], byte[]> record) {
        consumers.consume(this, record);
    }

    private void apply(TicketStatusChanged event, EventMetadata metadata) {
        String subject = metadata.subject();
        record(subject, metadata.eventId());
        if (subject.startsWith("fail-")) {
            throw new IllegalStateException("the ledger cannot take " + subject);
        }
        if (subject.startsWith("reject-")) {
            throw new RejectedEventException("not a ledger event: " + subject);
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
