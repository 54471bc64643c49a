package io.switchboard.eventing;

import io.switchboard.contracts.Topic;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends a record that cannot be processed to {@code <topic>.dlq}: the original key, value and
 * headers, plus why and where from. The send is acknowledged before the caller commits the offset.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dlq.reason";
    public static final String EXCEPTION = "dlq.exception";
    public static final String ORIGIN_TOPIC = "dlq.origin.topic";
    public static final String ORIGIN_PARTITION = "dlq.origin.partition";
    public static final String ORIGIN_OFFSET = "dlq.origin.offset";
    public static final String CONSUMER_GROUP = "dlq.consumer.group";
    public static final String FAILED_AT = "dlq.failed.at";
    private static final int MAX_HEADER_CHARS = 2000;

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final String bootstrapServers;
    private final String clientId;
    private final Clock clock;
    private KafkaProducer<byte[], byte[]> producer;

    DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, EventingConfig config, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.clientId = config.serviceName() + "-dead-letters";
        this.clock = clock;
    }

    public void send(ConsumerRecord<byte[], byte[]> record, String consumerGroup, String reason, Throwable cause) {
        LOG.warnf("dead-lettering %s-%d@%d for %s: %s%s", record.topic(), record.partition(), record.offset(),
                consumerGroup, reason, cause == null ? "" : " (" + cause + ")");
        Headers headers = new RecordHeaders(record.headers().toArray());
        put(headers, REASON, reason);
        if (cause != null) {
            put(headers, EXCEPTION, cause.getClass().getName() + ": " + cause.getMessage());
        }
        put(headers, ORIGIN_TOPIC, record.topic());
        put(headers, ORIGIN_PARTITION, Integer.toString(record.partition()));
        put(headers, ORIGIN_OFFSET, Long.toString(record.offset()));
        put(headers, CONSUMER_GROUP, consumerGroup);
        put(headers, FAILED_AT, clock.instant().toString());
        try {
            producer().send(new ProducerRecord<>(Topic.fromTopicName(record.topic()).deadLetterTopicName(), null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not dead-letter " + record.topic() + "/" + record.partition() + "@" + record.offset(), e);
        }
    }

    private static void put(Headers headers, String name, String value) {
        String bounded = value.length() > MAX_HEADER_CHARS ? value.substring(0, MAX_HEADER_CHARS) : value;
        headers.remove(name);
        headers.add(name, bounded.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(KafkaProducers.reliable(bootstrapServers, clientId),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
