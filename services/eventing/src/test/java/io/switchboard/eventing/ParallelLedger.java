package io.switchboard.eventing;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.tickets.TicketStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Ledger}'s effect on a channel with two copies ({@code concurrency=2}), recorded under
 * {@code parallel:<subject>}; each record takes a little while, and the most records in progress at
 * once is kept, so that a test sees whether the copies really work side by side.
 */
@ApplicationScoped
public class ParallelLedger implements EventHandler {

    private final EventConsumers consumers;
    private final Ledger ledger;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    ParallelLedger(EventConsumers consumers, Ledger ledger) {
        this.consumers = consumers;
        this.ledger = ledger;
    }

    @Override
    public Topic topic() {
        return Topic.TICKETS;
    }

    @Override
    public String name() {
        return "parallel-ledger";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.TICKETS).on(TicketStatusChanged.class, this::apply);
    }

    /** The most records applied at once so far (a method: the injected bean is a client proxy). */
    int mostAtOnce() {
        return mostAtOnce.get();
    }

    @Incoming("parallel-ledger")
    @Blocking
    void consume(ConsumerRecord<byte[], byte[]> record) {
        consumers.consume(this, record);
    }

    private void apply(TicketStatusChanged event, EventMetadata metadata) {
        if (!metadata.subject().startsWith("parallel-")) {
            return; // other tests' events on the shared topic
        }
        mostAtOnce.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
        try {
            ledger.record("parallel:" + metadata.subject(), metadata.eventId());
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            inProgress.decrementAndGet();
        }
    }
}
