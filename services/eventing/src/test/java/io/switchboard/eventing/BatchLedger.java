package io.switchboard.eventing;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.tickets.TicketStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link Ledger}'s effect on a channel that takes a poll's records at once ({@code batch=true}),
 * recorded under {@code batch:<subject>}; it counts the batches of more than one event it applied.
 */
@ApplicationScoped
public class BatchLedger implements EventHandler {

    private final EventConsumers consumers;
    private final Ledger ledger;
    private final List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());

    BatchLedger(EventConsumers consumers, Ledger ledger) {
        this.consumers = consumers;
        this.ledger = ledger;
    }

    @Override
    public Topic topic() {
        return Topic.TICKETS;
    }

    @Override
    public String name() {
        return "batch-ledger";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.TICKETS).on(TicketStatusChanged.class, this::apply);
    }

    /** The sizes of the batches applied so far (a method: the injected bean is a client proxy, its fields are not the bean's). */
    List<Integer> batchSizes() {
        synchronized (batchSizes) {
            return List.copyOf(batchSizes);
        }
    }

    @Incoming("batch-ledger")
    @Blocking
    void consume(ConsumerRecords<byte[], byte[]> records) {
        consumers.consumeAll(this, records);
    }

    @Override
    public void applyAll(List<Runnable> callbacks) {
        batchSizes.add(callbacks.size());
        callbacks.forEach(Runnable::run);
    }

    private void apply(TicketStatusChanged event, EventMetadata metadata) {
        String subject = metadata.subject();
        ledger.record("batch:" + subject, metadata.eventId());
        if (subject.startsWith("fail-")) {
            throw new IllegalStateException("the ledger cannot take " + subject);
        }
        if (subject.startsWith("reject-")) {
            throw new RejectedEventException("not a ledger event: " + subject);
        }
    }
}
