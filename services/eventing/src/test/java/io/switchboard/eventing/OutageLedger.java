package io.switchboard.eventing;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.outages.OutageReported;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * A second test handler, on a topic no other service consumes: one ledger row per reported outage.
 * It declares {@code OutageReported} only, so {@code OutageEnded} (or any newer event type of the
 * topic) is skipped.
 */
@ApplicationScoped
public class OutageLedger implements EventHandler {

    private final EventConsumers consumers;
    private final Ledger ledger;
    private final EntityManager entityManager;

    OutageLedger(Ledger ledger, EntityManager entityManager, EventConsumers consumers) {
        this.ledger = ledger;
        this.entityManager = entityManager;
        this.consumers = consumers;
    }

    @Override
    public Topic topic() {
        return Topic.OUTAGES_INBOUND;
    }

    @Override
    public String name() {
        return "outage-ledger";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.OUTAGES_INBOUND)
                .on(OutageReported.class, (reported, metadata) -> ledger.record(reported.getOutageId(), metadata.eventId()));
    }

    /** The connector's channel of this handler, named after it; the kit does the rest. */
    @Incoming("outage-ledger")
    @Blocking
    void consume(ConsumerRecord<byte[], byte[]> record) {
        consumers.consume(this, record);
    }

    /** The event ids applied for a subject, in the order they were applied. */
    @SuppressWarnings("unchecked")
    List<String> eventIds(String subject) {
        return entityManager.createNativeQuery("select event_id from ledger_entry where subject = ?1 order by id")
                .setParameter(1, subject).getResultList();
    }
}
