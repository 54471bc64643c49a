package io.switchboard.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The kit's side of every {@link EventHandler} bean of the service. The SmallRye Kafka connector
 * polls, pauses, rebalances and commits; each handler hands it a channel named after itself:
 *
 * <pre>{@code
 * @Incoming("inbound-calls")
 * @Blocking
 * void consume(ConsumerRecord<byte[], byte[]> record) {
 *     consumers.consume(this, record);
 * }
 * }</pre>
 *
 * and {@link #consume} does the rest (typed dispatch, the inbox, failure classification, dead
 * letters). {@link EventConsumersCheck} reports each group's state.
 *
 * <p>A handler whose work per record is long can take several partitions at once:
 * {@code mp.messaging.incoming.<handler name>.concurrency=N} makes the connector run N copies of
 * the channel ({@code <name>$1} .. {@code <name>$N}), each a consumer of the handler's group that
 * settles its own partitions in order. The handler must then be safe on N threads (its state in
 * the database, under the locks its transactions take).
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final Instance<EventHandler> handlers;
    private final EventingConfig config;
    private final EventSerde serde;
    private final EventInbox inbox;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    /** By handler name, so that the health data lists the groups in a stable order. */
    private final Map<String, TopicConsumer> consumers = new ConcurrentSkipListMap<>();
    private volatile boolean stopping;

    EventConsumers(@Any Instance<EventHandler> handlers, EventingConfig config, EventSerde serde,
                   EventInbox inbox, DeadLetters deadLetters, MeterRegistry meters) {
        this.handlers = handlers;
        this.config = config;
        this.serde = serde;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    void onStart(@Observes StartupEvent event) {
        Set<String> names = new HashSet<>();
        for (EventHandler handler : handlers) {
            if (!names.add(handler.name())) {
                throw new IllegalStateException("two event handlers are named " + handler.name());
            }
            TopicConsumer consumer = consumer(handler);
            LOG.infof("consuming %s as %s (channel %s): %s", handler.topic().topicName(), consumer.group(),
                    handler.name(), consumer.eventTypes());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true; // a record waiting for its database is left uncommitted, not dead-lettered
    }

    /**
     * Settles one record of the handler's channel: returns once it is applied, skipped, a duplicate
     * or dead-lettered, waiting out infrastructure failures; the connector then acknowledges it.
     */
    public void consume(EventHandler handler, ConsumerRecord<byte[], byte[]> record) {
        consumer(handler).consume(record);
    }

    /**
     * Settles the records of one poll of the handler's channel (a channel with
     * {@code mp.messaging.incoming.<name>.batch=true}, whose method takes {@code ConsumerRecords}):
     * the records the handler acts on are applied together, in one transaction, in their order; if
     * that fails, one by one as {@link #consume} does. Returns once every record is settled.
     */
    public void consumeAll(EventHandler handler, Iterable<ConsumerRecord<byte[], byte[]>> records) {
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>();
        records.forEach(list::add);
        consumer(handler).consumeAll(list);
    }

    /** The consumer group of a handler: {@code <service>.<handler name>}. */
    String group(String handlerName) {
        return config.serviceName() + "." + handlerName;
    }

    /** The handler bean whose channel this is (or a copy of it: {@code <name>$<n>}), if any. */
    Optional<EventHandler> handler(String channel) {
        String name = handlerName(channel);
        for (EventHandler handler : handlers) {
            if (handler.name().equals(name)) {
                return Optional.of(handler);
            }
        }
        return Optional.empty();
    }

    /** The handler's name of a channel: the channel's, less the copy number of a concurrent channel. */
    static String handlerName(String channel) {
        int copy = channel.lastIndexOf('$');
        return copy > 0 && copy < channel.length() - 1 && channel.substring(copy + 1).chars().allMatch(Character::isDigit)
                ? channel.substring(0, copy) : channel;
    }

    private TopicConsumer consumer(EventHandler handler) {
        return consumers.computeIfAbsent(handler.name(), name -> new TopicConsumer(handler, group(name), serde,
                inbox, deadLetters, config.consumers(), () -> stopping, meters));
    }

    /** The consumers started so far, by handler name. */
    Collection<TopicConsumer> consumers() {
        return consumers.values();
    }
}
