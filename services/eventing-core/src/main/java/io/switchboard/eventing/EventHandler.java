package io.switchboard.eventing;

import io.switchboard.contracts.Topic;
import org.apache.avro.specific.SpecificRecord;

/**
 * A service's reaction to the events of one topic. Implementations are CDI beans; the eventing
 * library runs each in its own consumer group and calls {@link #handle} inside a transaction that
 * also records the event id, so an effect happens once however often the event is delivered.
 *
 * @param <E> the topic's envelope type
 */
public interface EventHandler<E extends SpecificRecord> {

    Topic topic();

    /** Unique within the service; the consumer group is {@code <service>.<name>}. */
    String name();

    /**
     * Applies the event. Throw {@link RejectedEventException} for an event that can never be
     * applied (it goes to the dead-letter topic at once); any other exception is retried, then
     * dead-lettered.
     */
    void handle(E event, EventMetadata metadata);
}
