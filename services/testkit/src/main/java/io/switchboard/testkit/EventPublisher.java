package io.switchboard.testkit;

import io.switchboard.contracts.Topic;
import io.switchboard.eventing.CloudEventHeaders;
import io.switchboard.eventing.Envelopes;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.EventSerde;
import io.switchboard.eventing.KafkaProducers;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Publishes events on the stack's real topics as another service would: its envelope, the registry's
 * framing and the CloudEvents headers, through an idempotent {@code acks=all} producer. A test keeps the
 * returned record to send it again (a redelivery), or builds raw bytes (a poison record) and sends them.
 */
public final class EventPublisher implements AutoCloseable {

    private final EventSerde serde;
    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher(EventSerde serde, String clientId) {
        this.serde = serde;
        this.producer = new KafkaProducer<>(KafkaProducers.reliable(LocalStack.bootstrapServers(), clientId),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** {@code payload} in its topic's envelope, as {@code producerName} would wrap it at {@code occurredAt}. */
    public static SpecificRecord envelope(Topic topic, String key, SpecificRecord payload, String producerName, Instant occurredAt) {
        return Envelopes.wrap(topic, key, payload, producerName, occurredAt, null);
    }

    /** The envelope as it travels: registry-framed Avro. */
    public byte[] bytes(Topic topic, SpecificRecord envelope) {
        return serde.serialize(topic, envelope);
    }

    /** Wraps, serializes and sends {@code payload} now; returns the sent record. */
    public ProducerRecord<String, byte[]> publish(Topic topic, String key, SpecificRecord payload, String producerName) {
        return publish(topic, key, payload, producerName, Instant.now());
    }

    /** Wraps, serializes and sends {@code payload} as of {@code occurredAt}; returns the sent record. */
    public ProducerRecord<String, byte[]> publish(Topic topic, String key, SpecificRecord payload, String producerName, Instant occurredAt) {
        SpecificRecord envelope = envelope(topic, key, payload, producerName, occurredAt);
        EventMetadata meta = EventMetadata.of(envelope);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.topicName(), null, key, bytes(topic, envelope),
                CloudEventHeaders.of(meta.eventId(), meta.cloudEventType(), meta.producer(), key, meta.occurredAt()));
        send(record);
        return record;
    }

    /** Sends a record as it is (again, or raw bytes) and waits for the broker's acknowledgement. */
    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing on " + record.topic(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish on " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
