package io.switchboard.eventing;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the event handlers: down while a group waits out an infrastructure failure or has
 * stopped; the data names each group's state ({@code running}, {@code stopped} or
 * {@code paused: <reason>}). The connector's own checks report the channels and their Kafka clients.
 */
@ApplicationScoped
@Readiness
public class EventConsumersCheck implements HealthCheck {

    private final EventConsumers consumers;

    EventConsumersCheck(EventConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event consumers").up();
        for (TopicConsumer consumer : consumers.consumers()) {
            response.withData(consumer.group(), consumer.state());
            if (!consumer.healthy()) {
                response.down();
            }
        }
        return response.build();
    }
}
