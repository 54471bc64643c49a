package io.switchboard.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Starts a consumer loop for every {@link EventHandler} bean of the service; ready while they run
 * and none is paused by an infrastructure failure (the health data names each group's state).
 */
@ApplicationScoped
@Readiness
public class EventConsumers implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final Instance<EventHandler> handlers;
    private final EventingConfig config;
    private final String bootstrapServers;
    private final EventSerde serde;
    private final EventInbox inbox;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final List<TopicConsumer> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    EventConsumers(@Any Instance<EventHandler> handlers, EventingConfig config,
                   @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, EventSerde serde,
                   EventInbox inbox, DeadLetters deadLetters, MeterRegistry meters) {
        this.handlers = handlers;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.serde = serde;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    synchronized void onStart(@Observes StartupEvent event) {
        if (!config.consumers().enabled()) {
            LOG.info("event consumers are disabled (switchboard.eventing.consumers.enabled=false)");
            return;
        }
        Set<String> names = new HashSet<>();
        for (EventHandler handler : handlers) {
            if (!names.add(handler.name())) {
                throw new IllegalStateException("two event handlers are named " + handler.name());
            }
            String group = config.serviceName() + "." + handler.name();
            TopicConsumer consumer = new TopicConsumer(handler, group, bootstrapServers,
                    serde, inbox, deadLetters, config.consumers(), meters);
            Thread thread = new Thread(consumer, "consumer-" + group);
            thread.setDaemon(true);
            consumers.add(consumer);
            threads.add(thread);
            thread.start();
            LOG.infof("consuming %s as %s: %s", handler.topic().topicName(), group, consumer.eventTypes());
        }
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        consumers.forEach(TopicConsumer::stop);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event consumers").up();
        for (TopicConsumer consumer : consumers) {
            response.withData(consumer.group(), consumer.state());
            if (!consumer.healthy()) {
                response.down();
            }
        }
        return response.build();
    }
}
