package io.switchboard.compensation.sla;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.compensation.ticket.Reviews;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.sla.CompensationReviewDue;
import io.switchboard.contracts.sla.SlaBreached;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code support.sla.v1}: support-SLA breaches earn what their policy grants; major incidents open compensation reviews. */
@ApplicationScoped
public class SlaEvents implements EventHandler {

    private final EventConsumers consumers;
    private final SupportBreaches breaches;
    private final Reviews reviews;

    SlaEvents(EventConsumers consumers, SupportBreaches breaches, Reviews reviews) {
        this.consumers = consumers;
        this.breaches = breaches;
        this.reviews = reviews;
    }

    @Override
    public Topic topic() {
        return Topic.SLA;
    }

    @Override
    public String name() {
        return "sla-events";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.SLA)
                .on(SlaBreached.class, this::breached)
                .on(CompensationReviewDue.class, this::reviewDue);
    }

    /**
     * A poll's records at once (the channel has {@code batch=true}): the breaches and reviews of the poll in one
     * transaction, in their order, so a breach sees the credits of the breaches before it (the month's cap).
     * Types not declared here (clock started and stopped, warnings, escalations) are skipped by their
     * {@code ce_type} header, before decoding and outside any transaction.
     */
    @Incoming("sla-events")
    @Blocking
    void consume(ConsumerRecords<byte[], byte[]> records) {
        consumers.consumeAll(this, records);
    }

    private void breached(SlaBreached breach, EventMetadata meta) {
        breaches.decide(breach, meta.producer());
    }

    private void reviewDue(CompensationReviewDue review, EventMetadata meta) {
        reviews.open(review, meta.producer());
    }
}
