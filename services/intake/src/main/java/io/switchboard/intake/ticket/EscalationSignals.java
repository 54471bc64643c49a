package io.switchboard.intake.ticket;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.sla.MajorIncidentDeclared;
import io.switchboard.contracts.sla.TicketEscalated;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code support.sla.v1}: the escalation service's signals that the ticket itself records. An escalation moves the
 * ticket's support level (and shows in its history); a major incident marks the ticket, so that closing it keeps it
 * for the major-incident retention even when the closer does not say so. Clocks, warnings and breaches are the
 * escalation service's own and are not copied here.
 */
@ApplicationScoped
public class EscalationSignals implements EventHandler {

    private final EventConsumers consumers;
    private final TicketLifecycleService lifecycle;

    EscalationSignals(EventConsumers consumers, TicketLifecycleService lifecycle) {
        this.consumers = consumers;
        this.lifecycle = lifecycle;
    }

    @Override
    public Topic topic() {
        return Topic.SLA;
    }

    @Override
    public String name() {
        return "escalation-signals";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.SLA)
                .on(TicketEscalated.class, (e, m) -> lifecycle.escalated(e.getTicketId(), e.getFromLevel(), e.getToLevel(),
                        e.getReason().name(), e.getEscalatedBy(), e.getEscalatedAt()))
                .on(MajorIncidentDeclared.class, (e, m) -> lifecycle.majorIncidentDeclared(e.getTicketId(), e.getMajorIncidentId(),
                        e.getDeclaredBy(), e.getDeclaredAt()));
    }

    /** The connector's channel of this handler, named after it; the kit does the rest. */
    /** A poll's records at once (the channel has {@code batch=true}): most of the topic's events are types this
     * handler skips, which a batch settles by their header without a worker hand-off and an acknowledgement each. */
    @Incoming("escalation-signals")
    @Blocking
    void consume(ConsumerRecords<byte[], byte[]> records) {
        consumers.consumeAll(this, records);
    }
}
