package io.switchboard.eventing;

import io.switchboard.contracts.Topic;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Wraps an event payload in its topic's envelope. */
public final class Envelopes {

    /**
     * A new envelope for {@code topic} around {@code payload}, with a fresh event id; the event type
     * is the payload record's simple name.
     */
    public static SpecificRecord wrap(Topic topic, String subject, SpecificRecord payload, String producer,
                                      Instant occurredAt, String correlationId) {
        Schema schema = topic.valueSchema();
        Schema payloadSchema = schema.getField("payload").schema();
        if (payloadSchema.getType() == Schema.Type.UNION && payloadSchema.getIndexNamed(payload.getSchema().getFullName()) == null) {
            throw new IllegalArgumentException(payload.getSchema().getFullName() + " is not an event of " + topic.topicName());
        }
        SpecificRecord envelope = newEnvelope(topic);
        put(envelope, "eventId", UUID.randomUUID().toString());
        put(envelope, "eventType", payload.getSchema().getName());
        put(envelope, "subject", subject);
        put(envelope, "occurredAt", occurredAt.truncatedTo(ChronoUnit.MILLIS)); // the schema's precision
        put(envelope, "producer", producer);
        if (schema.getField("correlationId") != null) {
            put(envelope, "correlationId", correlationId);
        }
        put(envelope, "payload", payload);
        return envelope;
    }

    private static SpecificRecord newEnvelope(Topic topic) {
        // Through the catalog's class, not Avro's by-name lookup, which may pick another class loader.
        try {
            return topic.valueType().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create an envelope of " + topic.topicName(), e);
        }
    }

    private static void put(SpecificRecord envelope, String field, Object value) {
        envelope.put(envelope.getSchema().getField(field).pos(), value);
    }

    private Envelopes() {
    }
}
