package io.switchboard.escalation.events;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.routing.TicketAssigned;
import io.switchboard.escalation.clock.TicketClocks;
import io.switchboard.escalation.domain.TicketFact;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.RejectedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/** {@code support.routing.v1}: an assignment tells the ticket's level and group; an L2 or L3 agent stops the expert-join clock. */
@ApplicationScoped
public class RoutingEvents implements EventHandler {

    private final EventConsumers consumers;
    private final TicketClocks clocks;

    RoutingEvents(EventConsumers consumers, TicketClocks clocks) {
        this.consumers = consumers;
        this.clocks = clocks;
    }

    @Override
    public Topic topic() {
        return Topic.ROUTING;
    }

    @Override
    public String name() {
        return "routing";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.ROUTING).on(TicketAssigned.class, (e, m) -> {
            if (e.getTicketId() == null || e.getTicketId().isBlank() || e.getTicketId().length() > 128) {
                throw new RejectedEventException("ticketId must be 1-128 characters");
            }
            clocks.record(e.getTicketId(), new TicketFact.Assigned(m.eventId(), e.getAssignedAt(), e.getAgentId(), e.getSkillGroupId(),
                    e.getSupportLevel()));
        });
    }

    /** A poll's records at once (the channel has {@code batch=true}): their tickets settled together, in one transaction. */
    @Incoming("routing")
    @Blocking
    void consume(ConsumerRecords<byte[], byte[]> records) {
        consumers.consumeAll(this, records);
    }

    @Override
    public void applyAll(List<Runnable> callbacks) {
        clocks.recordAll(callbacks);
    }
}
