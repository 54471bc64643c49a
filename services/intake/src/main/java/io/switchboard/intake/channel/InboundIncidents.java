package io.switchboard.intake.channel;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.incidents.IncidentAcknowledged;
import io.switchboard.contracts.incidents.IncidentResolved;
import io.switchboard.contracts.incidents.IncidentTriggered;
import io.switchboard.contracts.incidents.InboundIncidentEvent;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.RejectedEventException;
import io.switchboard.intake.domain.DedupKey;
import io.switchboard.intake.domain.IntakeFields;
import io.switchboard.intake.domain.InvalidFieldException;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code support.incidents.inbound.v1}: the PagerDuty endpoint's semantics, for systems that publish to Kafka. */
@ApplicationScoped
public class InboundIncidents implements EventHandler<InboundIncidentEvent> {

    private final Integrations integrations;
    private final MonitoringIntake monitoring;

    InboundIncidents(Integrations integrations, MonitoringIntake monitoring) {
        this.integrations = integrations;
        this.monitoring = monitoring;
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
    public void handle(InboundIncidentEvent event, EventMetadata metadata) {
        try {
            Object payload = event.getPayload();
            if (payload instanceof IncidentTriggered trigger) {
                Integrations.Integration integration = integration(trigger.getRoutingKey());
                monitoring.trigger(new MonitoringIntake.Trigger(integration.source(), integration.customer(),
                        DedupKey.normalise("dedupKey", trigger.getDedupKey()), trigger.getSummary(), trigger.getSeverity(),
                        integration.product().orElse(null), integration.category().orElse(null),
                        IntakeFields.line("component", trigger.getComponent(), IntakeFields.PRODUCT),
                        "source: " + trigger.getSource(), trigger.getDetectedAt()));
            } else if (payload instanceof IncidentAcknowledged ack) {
                monitoring.acknowledge(integration(ack.getRoutingKey()).source(), DedupKey.normalise("dedupKey", ack.getDedupKey()));
            } else if (payload instanceof IncidentResolved resolved) {
                monitoring.resolve(integration(resolved.getRoutingKey()).source(),
                        DedupKey.normalise("dedupKey", resolved.getDedupKey()));
            } else {
                throw new RejectedEventException("unknown incident event " + metadata.eventType());
            }
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
