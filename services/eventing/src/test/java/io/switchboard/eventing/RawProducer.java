package io.switchboard.eventing;

import io.switchboard.testkit.LocalStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Puts arbitrary bytes on a topic, as a misbehaving or redelivering upstream would. */
final class RawProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            KafkaProducers.reliable(LocalStack.bootstrapServers(), "eventing-test-raw"),
            new StringSerializer(), new ByteArraySerializer());

    RecordMetadata send(String topic, String key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    RecordMetadata send(String topic, String key, byte[] value, Headers headers) throws Exception {
        return producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
