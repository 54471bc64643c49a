package io.switchboard.mesh;

import io.switchboard.contracts.Topic;
import io.switchboard.eventing.CloudEventHeaders;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.EventPublisher;
import io.switchboard.testkit.LocalStack;
import io.switchboard.testkit.TopicProbe;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Predicate;

/** Reading the services' events off the real topics, and publishing what other systems would (monitoring's outages). */
final class Events {

    private static EventSerde serde;

    static synchronized EventSerde serde() {
        if (serde == null) {
            serde = new EventSerde(LocalStack.registryUrl());
        }
        return serde;
    }

    /** The event's type: the payload's simple name, from its CloudEvents type header. */
    static String type(ConsumerRecord<byte[], byte[]> record) {
        String type = TopicProbe.header(record, CloudEventHeaders.TYPE);
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }

    static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    /** Records keyed {@code key} of event type {@code type}, whoever published them. */
    static Predicate<ConsumerRecord<byte[], byte[]>> is(String key, String type) {
        return r -> key.equals(key(r)) && type.equals(type(r));
    }

    /**
     * Records keyed {@code key} of event type {@code type} published by {@code process} of {@code mesh}: other
     * instances of the services may read the shared topics and answer the same tickets.
     */
    static Predicate<ConsumerRecord<byte[], byte[]>> is(String key, String type, Mesh mesh, String process) {
        return is(key, type).and(from(mesh, process));
    }

    /** Records published by {@code process} of {@code mesh}. */
    static Predicate<ConsumerRecord<byte[], byte[]>> from(Mesh mesh, String process) {
        String source = CloudEventHeaders.source(mesh.serviceName(process));
        return r -> source.equals(TopicProbe.header(r, CloudEventHeaders.SOURCE));
    }

    /** The payload of a record of {@code topic}. */
    static SpecificRecord payload(Topic topic, ConsumerRecord<byte[], byte[]> record) {
        SpecificRecord envelope = serde().deserialize(topic, record.value());
        return (SpecificRecord) envelope.get(envelope.getSchema().getField("payload").pos());
    }

    /** A field of a payload, as text ({@code null} stays null). */
    static String field(SpecificRecord payload, String name) {
        var field = payload.getSchema().getField(name);
        if (field == null) {
            throw new IllegalArgumentException(payload.getSchema().getName() + " has no field " + name);
        }
        Object value = payload.get(field.pos());
        return value == null ? null : value.toString();
    }

    /** A time field of a payload (a timestamp-millis, as the generated classes hold it: an Instant or epoch millis). */
    static Instant instant(SpecificRecord payload, String name) {
        Object value = payload.get(payload.getSchema().getField(name).pos());
        return value instanceof Instant i ? i : value == null ? null : Instant.ofEpochMilli(((Number) value).longValue());
    }

    /** Publishes {@code payload} on {@code topic} as {@code producer} would at {@code occurredAt}, keyed {@code key}. */
    static void publish(Topic topic, String key, SpecificRecord payload, String producer, Instant occurredAt) {
        try (EventPublisher publisher = new EventPublisher(serde(), "mesh-test-" + producer)) {
            publisher.publish(topic, key, payload, producer, occurredAt);
        }
    }

    private Events() {
    }
}
