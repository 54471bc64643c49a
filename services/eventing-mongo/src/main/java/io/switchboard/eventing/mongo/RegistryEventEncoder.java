package io.switchboard.eventing.mongo;

import io.switchboard.contracts.Topic;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.EventSerde;
import org.apache.avro.specific.SpecificRecord;

/**
 * The production encoder: the kit's serde (Confluent framing, the registry's content id) and the
 * envelope's own metadata, so that MongoDB-backed services put the same bytes and headers on a
 * topic as the PostgreSQL outbox does.
 */
public final class RegistryEventEncoder implements EventEncoder {

    private final EventSerde serde;

    public RegistryEventEncoder(EventSerde serde) {
        this.serde = serde;
    }

    @Override
    public EncodedEvent encode(Topic topic, SpecificRecord envelope) {
        EventMetadata meta = EventMetadata.of(envelope);
        return EncodedEvent.withCloudEventHeaders(topic.topicName(), meta.eventId(), meta.cloudEventType(),
                meta.subject(), meta.occurredAt(), meta.producer(), serde.serialize(topic, envelope));
    }
}
