package io.switchboard.eventing;

import io.switchboard.contracts.Topic;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;

/**
 * The fields every envelope carries, read from any topic's envelope. The payload's full Avro name
 * is the CloudEvents type.
 */
public record EventMetadata(String eventId, String eventType, String subject, Instant occurredAt,
                            String producer, String cloudEventType) {

    public static EventMetadata of(SpecificRecord envelope) {
        return new EventMetadata(
                (String) field(envelope, "eventId"),
                (String) field(envelope, "eventType"),
                (String) field(envelope, "subject"),
                (Instant) field(envelope, "occurredAt"),
                (String) field(envelope, "producer"),
                Topic.cloudEventTypeOf(envelope));
    }

    private static Object field(SpecificRecord envelope, String name) {
        Schema.Field field = envelope.getSchema().getField(name);
        if (field == null) {
            throw new IllegalArgumentException(envelope.getSchema().getFullName() + " is not an event envelope: no " + name);
        }
        return envelope.get(field.pos());
    }
}
