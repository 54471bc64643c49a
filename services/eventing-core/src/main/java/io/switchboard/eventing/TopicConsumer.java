package io.switchboard.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.contracts.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;

/**
 * One handler's consumer loop: decode each record, apply it once (processed-event id and effect in
 * one transaction), dead-letter what cannot be applied, and commit offsets only after that.
 */
final class TopicConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(TopicConsumer.class);

    enum Outcome { PROCESSED, DUPLICATE, DEAD_LETTERED }

    private final EventHandler<SpecificRecord> handler;
    private final String group;
    private final EventSerde serde;
    private final EventInbox inbox;
    private final DeadLetters deadLetters;
    private final EventingConfig.Consumers settings;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final MeterRegistry meters;
    private volatile boolean running = true;
    private volatile boolean failed;

    TopicConsumer(EventHandler<SpecificRecord> handler, String group, String bootstrapServers, EventSerde serde,
                  EventInbox inbox, DeadLetters deadLetters, EventingConfig.Consumers settings,
                  MeterRegistry meters) {
        this.handler = handler;
        this.group = group;
        this.serde = serde;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.meters = meters;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.autoOffsetReset());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    String group() {
        return group;
    }

    boolean healthy() {
        return !failed;
    }

    @Override
    public void run() {
        Topic topic = handler.topic();
        try {
            consumer.subscribe(List.of(topic.topicName()));
            while (running) {
                try {
                    pollOnce(topic);
                    failed = false;
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Nothing past the last commit is lost: go back to it and try again.
                    failed = true;
                    LOG.errorf(e, "consumer %s failed; rewinding to its committed offsets", group);
                    sleep(settings.retryBackoff().multipliedBy(5));
                    rewindToCommitted();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failed = true;
                LOG.errorf(e, "consumer %s woken unexpectedly", group);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void pollOnce(Topic topic) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Outcome outcome = apply(topic, record);
            meters.counter("switchboard.events.consumed", "topic", topic.topicName(), "group", group,
                    "outcome", outcome.name().toLowerCase()).increment();
        }
        if (!records.isEmpty()) {
            consumer.commitSync();
        }
    }

    private void rewindToCommitted() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset.offset());
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    Outcome apply(Topic topic, ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            deadLetters.send(record, group, "no value (tombstone) on an event topic", null);
            return Outcome.DEAD_LETTERED;
        }
        SpecificRecord event;
        EventMetadata metadata;
        try {
            event = serde.deserialize(topic, record.value());
            metadata = EventMetadata.of(event);
        } catch (EventSerde.RegistryUnavailableException e) {
            throw e; // not the record's fault: the loop rewinds and tries again
        } catch (RuntimeException e) {
            deadLetters.send(record, group, "cannot deserialize as " + topic.valueType().getSimpleName(), e);
            return Outcome.DEAD_LETTERED;
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                return inbox.applyOnce(group, metadata.eventId(), () -> handler.handle(event, metadata))
                        ? Outcome.PROCESSED : Outcome.DUPLICATE;
            } catch (RejectedEventException e) {
                deadLetters.send(record, group, "rejected by " + handler.name() + ": " + e.getMessage(), e);
                return Outcome.DEAD_LETTERED;
            } catch (RuntimeException e) {
                last = e;
                LOG.warnf("%s failed on event %s (attempt %d of %d): %s", group, metadata.eventId(), attempt,
                        settings.maxAttempts(), e.toString());
                sleep(settings.retryBackoff().multipliedBy(attempt));
            }
        }
        deadLetters.send(record, group, "handler failed after " + settings.maxAttempts() + " attempts", last);
        return Outcome.DEAD_LETTERED;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
