package io.switchboard.routing.events;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.routing.RerouteReason;
import io.switchboard.contracts.sla.MajorIncidentDeclared;
import io.switchboard.contracts.sla.TicketEscalated;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.routing.domain.DecisionRule;
import io.switchboard.routing.ticket.TicketRouting;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/** {@code support.sla.v1}: an escalated ticket goes to a group of its new level; a major incident to the emergency group. */
@ApplicationScoped
public class SlaEvents implements EventHandler {

    private final EventConsumers consumers;
    private final TicketRouting routing;

    SlaEvents(EventConsumers consumers, TicketRouting routing) {
        this.consumers = consumers;
        this.routing = routing;
    }

    @Override
    public Topic topic() {
        return Topic.SLA;
    }

    @Override
    public String name() {
        return "sla";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.SLA)
                .on(TicketEscalated.class, this::escalated)
                .on(MajorIncidentDeclared.class, this::majorIncident);
    }

    /** A poll's records at once (the channel has {@code batch=true}): one transaction for all of them. */
    @Incoming("sla")
    @Blocking
    void consume(ConsumerRecords<byte[], byte[]> records) {
        consumers.consumeAll(this, records);
    }

    @Override
    public void applyAll(List<Runnable> callbacks) {
        routing.applyAll(callbacks);
    }

    private void escalated(TicketEscalated e, EventMetadata metadata) {
        if (e.getToLevel() == null || e.getToLevel() == io.switchboard.contracts.common.SupportLevel.UNKNOWN) {
            throw new IllegalArgumentException("TicketEscalated " + e.getTicketId() + " names no level to escalate to");
        }
        routing.reroute(e.getTicketId(), row -> row.level = e.getToLevel().name(), DecisionRule.ESCALATION,
                RerouteReason.ESCALATION, "escalated " + e.getFromLevel() + " -> " + e.getToLevel() + " (" + e.getReason() + ")",
                e.getEscalatedBy());
    }

    private void majorIncident(MajorIncidentDeclared e, EventMetadata metadata) {
        routing.reroute(e.getTicketId(), row -> {
            row.emergency = true;
            row.level = "L3";
            if (e.getEmergencyLevel() != null) {
                row.emergencyLevel = e.getEmergencyLevel().name();
            }
        }, DecisionRule.ESCALATION, RerouteReason.ESCALATION, "major incident " + e.getMajorIncidentId(), e.getDeclaredBy());
    }
}
