package io.switchboard.eventing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.switchboard.contracts.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One handler's consumer loop: skip event types the handler does not declare, decode each record,
 * apply it once (processed-event id and effect in one transaction), dead-letter what can never be
 * applied, and commit offsets only after that.
 *
 * <p>An infrastructure failure ({@link FailureClassifier.Failure#INFRASTRUCTURE}) is not the
 * record's fault: the consumer seeks back to the first record of the batch it has not finished,
 * commits what it has finished, pauses all its partitions (still polling, so that it stays in the
 * group) and tries again after an exponential back-off; readiness reports it down meanwhile. The
 * first record that goes through again ends the pause, and the records follow in their order.
 */
final class TopicConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(TopicConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);

    enum Outcome { PROCESSED, DUPLICATE, SKIPPED, DEAD_LETTERED }

    /** A record could not be applied because something it needs is unavailable; nothing was decided. */
    static final class InfrastructureFailure extends RuntimeException {
        InfrastructureFailure(Throwable cause) {
            super(cause);
        }
    }

    private final EventHandler handler;
    private final EventDispatch dispatch;
    private final Topic topic;
    private final String group;
    private final EventSerde serde;
    private final EventInbox inbox;
    private final DeadLetters deadLetters;
    private final EventingConfig.Consumers settings;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final MeterRegistry meters;
    private final Counter infrastructureRetries;
    private final Counter unknownRetries;
    private final AtomicInteger pausedGauge = new AtomicInteger();
    private volatile boolean running = true;
    private volatile boolean failed;
    /** Why the partitions are paused, null while they are not. */
    private volatile String pausedReason;
    private int outageAttempts;
    private Instant pausedSince;
    private long retryAtNanos;

    TopicConsumer(EventHandler handler, String group, String bootstrapServers, EventSerde serde,
                  EventInbox inbox, DeadLetters deadLetters, EventingConfig.Consumers settings,
                  MeterRegistry meters) {
        this.handler = handler;
        this.topic = handler.topic();
        this.dispatch = handler.events();
        if (dispatch.topic() != topic) {
            throw new IllegalStateException("handler " + handler.name() + " consumes " + topic.topicName()
                    + " but declares the events of " + dispatch.topic().topicName());
        }
        if (dispatch.cloudEventTypes().isEmpty()) {
            throw new IllegalStateException("handler " + handler.name() + " declares no event type");
        }
        this.group = group;
        this.serde = serde;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.meters = meters;
        Tags tags = Tags.of("topic", topic.topicName(), "group", group);
        this.infrastructureRetries = meters.counter("switchboard.events.retries", tags.and("failure", "infrastructure"));
        this.unknownRetries = meters.counter("switchboard.events.retries", tags.and("failure", "unknown"));
        meters.gauge("switchboard.events.consumer.paused", tags, pausedGauge);
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

    Set<String> eventTypes() {
        return dispatch.cloudEventTypes();
    }

    boolean healthy() {
        return !failed && pausedReason == null;
    }

    /** For the readiness data: running, paused (with why) or stopped. */
    String state() {
        String paused = pausedReason;
        if (paused != null) {
            return "paused: " + paused;
        }
        return failed ? "stopped" : "running";
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic.topicName()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // Offsets are committed after every batch; nothing is pending between polls.
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (pausedReason != null) {
                        consumer.pause(partitions);
                    }
                }
            });
            while (running) {
                try {
                    step();
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

    private void step() {
        if (pausedReason != null) {
            long waitMillis = Duration.ofNanos(retryAtNanos - System.nanoTime()).toMillis();
            if (waitMillis > 0) {
                // Keep polling while paused: the group keeps this member and its partitions.
                consumer.pause(consumer.assignment());
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(Math.min(waitMillis, POLL.toMillis())));
                seekToFirst(records, Map.of()); // none expected; if any, they come again later
                return;
            }
            consumer.resume(consumer.paused());
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        try {
            for (TopicPartition partition : records.partitions()) {
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    Outcome outcome = apply(record);
                    meters.counter("switchboard.events.consumed", "topic", topic.topicName(), "group", group,
                            "outcome", outcome.name().toLowerCase()).increment();
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
            }
        } catch (InfrastructureFailure failure) {
            seekToFirst(records, done);
            if (!done.isEmpty()) {
                consumer.commitSync(done);
            }
            pause(failure.getCause());
            return;
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
        if (pausedReason != null && !records.isEmpty()) {
            LOG.infof("consumer %s resumed after %d retries", group, outageAttempts);
            pausedReason = null;
            outageAttempts = 0;
            pausedGauge.set(0);
        }
    }

    /** Seeks every partition of the batch back to its first record not in {@code done}. */
    private void seekToFirst(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, OffsetAndMetadata> done) {
        for (TopicPartition partition : records.partitions()) {
            OffsetAndMetadata next = done.get(partition);
            consumer.seek(partition, next != null ? next.offset() : records.records(partition).get(0).offset());
        }
    }

    private void pause(Throwable cause) {
        outageAttempts++;
        infrastructureRetries.increment();
        Duration backoff = backoff(outageAttempts);
        retryAtNanos = System.nanoTime() + backoff.toNanos();
        consumer.pause(consumer.assignment());
        pausedGauge.set(1);
        if (outageAttempts == 1) {
            pausedSince = Instant.now();
        }
        pausedReason = "infrastructure failure since " + pausedSince
                + ", retry " + outageAttempts + " in " + backoff.toMillis() + " ms: " + summary(cause);
        LOG.warnf("consumer %s paused, retry %d in %d ms: %s", group, outageAttempts, backoff.toMillis(), summary(cause));
    }

    Duration backoff(int attempt) {
        Duration max = settings.infrastructureBackoffMax();
        Duration backoff = settings.infrastructureBackoff();
        for (int i = 1; i < attempt && backoff.compareTo(max) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(max) > 0 ? max : backoff;
    }

    private static String summary(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == failure ? failure.toString() : failure.getClass().getSimpleName() + " caused by " + root;
        return text.length() > 300 ? text.substring(0, 300) : text;
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

    /** Applies one record; throws {@link InfrastructureFailure} when it must be tried again later. */
    Outcome apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            deadLetters.send(record, group, "no value (tombstone) on an event topic", null);
            return Outcome.DEAD_LETTERED;
        }
        String cloudEventType = header(record, CloudEventHeaders.TYPE);
        if (cloudEventType != null && !dispatch.handles(cloudEventType)) {
            return Outcome.SKIPPED; // not decoded: it may be an event type newer than this consumer
        }
        SpecificRecord event;
        EventMetadata metadata;
        try {
            event = serde.deserialize(topic, record.value());
            metadata = EventMetadata.of(event);
        } catch (RuntimeException e) {
            if (FailureClassifier.classify(e) == FailureClassifier.Failure.INFRASTRUCTURE) {
                throw new InfrastructureFailure(e); // e.g. the registry unreachable: not the record's fault
            }
            deadLetters.send(record, group, "cannot deserialize as " + topic.valueType().getSimpleName(), e);
            return Outcome.DEAD_LETTERED;
        }
        if (!dispatch.handles(metadata.cloudEventType())) {
            return Outcome.SKIPPED;
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                return inbox.applyOnce(group, metadata.eventId(), () -> {
                    if (!dispatch.dispatch(event, metadata)) {
                        throw new IllegalStateException("no callback for " + metadata.cloudEventType());
                    }
                }) ? Outcome.PROCESSED : Outcome.DUPLICATE;
            } catch (RuntimeException e) {
                switch (FailureClassifier.classify(e)) {
                    case POISON -> {
                        deadLetters.send(record, group, "rejected by " + handler.name() + ": " + e.getMessage(), e);
                        return Outcome.DEAD_LETTERED;
                    }
                    case INFRASTRUCTURE -> throw new InfrastructureFailure(e);
                    case UNKNOWN -> {
                        last = e;
                        LOG.warnf("%s failed on event %s (attempt %d of %d): %s", group, metadata.eventId(), attempt,
                                settings.maxAttempts(), e.toString());
                        if (attempt < settings.maxAttempts()) {
                            unknownRetries.increment();
                            sleep(settings.retryBackoff().multipliedBy(attempt));
                        }
                    }
                }
            }
        }
        deadLetters.send(record, group, "handler failed after " + settings.maxAttempts() + " attempts", last);
        return Outcome.DEAD_LETTERED;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
