package io.switchboard.intake.channel;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.incidents.IncidentAcknowledged;
import io.switchboard.contracts.incidents.IncidentResolved;
import io.switchboard.contracts.incidents.IncidentTriggered;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.RejectedEventException;
import io.switchboard.intake.domain.DedupKey;
import io.switchboard.intake.domain.IntakeFields;
import io.switchboard.intake.domain.InvalidFieldException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code support.incidents.inbound.v1}: the PagerDuty endpoint's semantics, for systems that publish to Kafka. */
@ApplicationScoped
public class InboundIncidents implements EventHandler {

    private final EventConsumers consumers;
    private final Integrations integrations;
    private final MonitoringIntake monitoring;

    InboundIncidents(Integrations integrations, MonitoringIntake monitoring, EventConsumers consumers) {
        this.integrations = integrations;
        this.monitoring = monitoring;
        this.consumers = consumers;
    }

    @Override
    public Topic topic() {
        return Topic.INCIDENTS_INBOUND;
    }

    @Override
    public String name() {
        return "inbound-incidents";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.INCIDENTS_INBOUND)
                .on(IncidentTriggered.class, this::trigger)
                .on(IncidentAcknowledged.class, this::acknowledge)
                .on(IncidentResolved.class, this::resolve);
    }

    /** The connector's channel of this handler, named after it; the kit does the rest. */
    @Incoming("inbound-incidents")
    @Blocking
    void consume(ConsumerRecord<byte[], byte[]> record) {
        consumers.consume(this, record);
    }

    private void trigger(IncidentTriggered trigger, EventMetadata metadata) {
        try {
            Integrations.Integration integration = integration(trigger.getRoutingKey());
            monitoring.trigger(new MonitoringIntake.Trigger(integration.source(), integration.customer(),
                    DedupKey.normalise("dedupKey", trigger.getDedupKey()), trigger.getSummary(), trigger.getSeverity(),
                    integration.product().orElse(null), integration.category().orElse(null),
                    IntakeFields.line("component", trigger.getComponent(), IntakeFields.PRODUCT),
                    "source: " + trigger.getSource(), trigger.getDetectedAt()));
        } catch (InvalidFieldException e) {
            throw new RejectedEventException(e.getMessage());
        }
    }

    private void acknowledge(IncidentAcknowledged ack, EventMetadata metadata) {
        try {
            monitoring.acknowledge(integration(ack.getRoutingKey()).source(), DedupKey.normalise("dedupKey", ack.getDedupKey()));
        } catch (InvalidFieldException e) {
            throw new RejectedEventException(e.getMessage());
        }
    }

    private void resolve(IncidentResolved resolved, EventMetadata metadata) {
        try {
            monitoring.resolve(integration(resolved.getRoutingKey()).source(),
                    DedupKey.normalise("dedupKey", resolved.getDedupKey()));
        } catch (InvalidFieldException e) {
            throw new RejectedEventException(e.getMessage());
        }
    }

    private Integrations.Integration integration(String routingKey) {
        Integrations.Integration integration = integrations.integrations().get(routingKey);
        if (integration == null) {
            throw new RejectedEventException("routing key " + routingKey + " is not a configured integration");
        }
        return integration;
    }
}
