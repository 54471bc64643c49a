package io.switchboard.eventing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.switchboard.contracts.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What happens to one handler's records once the SmallRye Kafka connector has polled them: skip
 * event types the handler does not declare, decode each record, apply it once (processed-event id
 * and effect in one transaction), and dead-letter what can never be applied. {@link #consume}
 * returns only when the record is settled (applied, skipped, a duplicate or acknowledged by the
 * dead-letter topic); the connector then acknowledges it, and its throttled commit strategy commits
 * an offset only once every record before it is acknowledged.
 *
 * <p>An infrastructure failure ({@link FailureClassifier.Failure#INFRASTRUCTURE}) is not the
 * record's fault: {@code consume} keeps the record and tries it again after an exponential back-off
 * until it goes through, readiness reporting the group paused meanwhile. The handler method is
 * {@code @Blocking} (ordered), so nothing behind the record is handled or acknowledged, nothing past
 * it is committed, and the connector pauses the partitions once its buffer is full while its
 * polling thread keeps the member in the group. The record that goes through ends the pause, and
 * the records behind it follow in their order.
 */
final class TopicConsumer {

    private static final Logger LOG = Logger.getLogger(TopicConsumer.class);
    private static final Duration SLEEP_SLICE = Duration.ofMillis(100);

    enum Outcome { PROCESSED, DUPLICATE, SKIPPED, DEAD_LETTERED }

    /** A record could not be applied because something it needs is unavailable; nothing was decided. */
    static final class InfrastructureFailure extends RuntimeException {
        InfrastructureFailure(Throwable cause) {
            super(cause);
        }
    }

    /** The service is stopping while a record waits for its infrastructure: it stays uncommitted. */
    static final class Stopping extends RuntimeException {
        Stopping(String message) {
            super(message);
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
    private final BooleanSupplier stopping;
    private final MeterRegistry meters;
    private final Counter infrastructureRetries;
    private final Counter unknownRetries;
    private final AtomicInteger pausedGauge = new AtomicInteger();
    private volatile boolean failed;
    /** Why the group waits, null while it does not. */
    private volatile String pausedReason;
    private int outageAttempts;
    private Instant pausedSince;

    TopicConsumer(EventHandler handler, String group, EventSerde serde, EventInbox inbox, DeadLetters deadLetters,
                  EventingConfig.Consumers settings, BooleanSupplier stopping, MeterRegistry meters) {
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
        this.stopping = stopping;
        this.meters = meters;
        Tags tags = Tags.of("topic", topic.topicName(), "group", group);
        this.infrastructureRetries = meters.counter("switchboard.events.retries", tags.and("failure", "infrastructure"));
        this.unknownRetries = meters.counter("switchboard.events.retries", tags.and("failure", "unknown"));
        meters.gauge("switchboard.events.consumer.paused", tags, pausedGauge);
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

    /**
     * Settles one record, waiting out infrastructure failures. Throws only when the service stops
     * meanwhile, the record is not of the handler's topic, or on a fault of the kit itself: the
     * connector's failure strategy ({@code fail}) then stops the channel with the record
     * uncommitted, and readiness reports the group stopped (unless the service is stopping).
     */
    void consume(ConsumerRecord<byte[], byte[]> record) {
        checkTopic(record);
        while (true) {
            try {
                count(apply(record));
                resumed();
                return;
            } catch (InfrastructureFailure failure) {
                Duration backoff = pause(failure.getCause());
                if (!sleep(backoff)) {
                    throw new Stopping("consumer " + group + " stopping; " + record.topic() + "-" + record.partition()
                            + "@" + record.offset() + " stays uncommitted");
                }
            } catch (Stopping stopping) {
                throw stopping;
            } catch (RuntimeException unexpected) {
                failed = true; // the connector's failure strategy stops the channel; readiness says so
                throw unexpected;
            }
        }
    }

    /**
     * Settles the records of one poll: those the handler acts on are applied together, ids and effects
     * in one transaction ({@link EventInbox#applyAllOnce}, {@link EventHandler#applyAll}), in their
     * order. When that fails, nothing of it stays and each record goes through {@link #consume} on its
     * own, with its retries, waits and dead letters, so a batch settles its records exactly as one by
     * one would.
     */
    void consumeAll(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Decoded> batch = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            Object decodedOrSettled;
            try {
                checkTopic(record);
                decodedOrSettled = decode(record);
            } catch (InfrastructureFailure failure) {
                applyTogether(batch); // what came before, then the rest one by one, waiting out the outage
                records.subList(i, records.size()).forEach(this::consume);
                return;
            }
            if (decodedOrSettled instanceof Decoded decoded) {
                batch.add(decoded);
            } else {
                count((Outcome) decodedOrSettled);
            }
        }
        applyTogether(batch);
    }

    private void applyTogether(List<Decoded> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() == 1) {
            consume(batch.get(0).record());
            return;
        }
        boolean[] applied;
        try {
            applied = inbox.applyAllOnce(group, batch.stream().map(d -> d.metadata().eventId()).toList(),
                    indexes -> handler.applyAll(indexes.stream().map(i -> (Runnable) () -> dispatch(batch.get(i))).toList()));
        } catch (RuntimeException e) {
            LOG.debugf("%s: a batch of %d failed (%s); applying its records one by one", group, batch.size(), e.toString());
            batch.forEach(d -> consume(d.record()));
            return;
        }
        for (boolean a : applied) {
            count(a ? Outcome.PROCESSED : Outcome.DUPLICATE);
        }
        resumed();
    }

    private void count(Outcome outcome) {
        meters.counter("switchboard.events.consumed", "topic", topic.topicName(), "group", group,
                "outcome", outcome.name().toLowerCase()).increment();
    }

    private synchronized void resumed() {
        if (pausedReason != null) {
            LOG.infof("consumer %s resumed after %d retries", group, outageAttempts);
            pausedReason = null;
            outageAttempts = 0;
            pausedGauge.set(0);
        }
    }

    private void checkTopic(ConsumerRecord<byte[], byte[]> record) {
        if (!topic.topicName().equals(record.topic())) {
            failed = true;
            throw new IllegalStateException("handler " + handler.name() + " consumes " + topic.topicName()
                    + " but was given a record of " + record.topic() + ": check mp.messaging.incoming."
                    + handler.name() + ".topic");
        }
    }

    private synchronized Duration pause(Throwable cause) {
        outageAttempts++;
        infrastructureRetries.increment();
        Duration backoff = backoff(outageAttempts);
        pausedGauge.set(1);
        if (outageAttempts == 1) {
            pausedSince = Instant.now();
        }
        pausedReason = "infrastructure failure since " + pausedSince
                + ", retry " + outageAttempts + " in " + backoff.toMillis() + " ms: " + summary(cause);
        LOG.warnf("consumer %s paused, retry %d in %d ms: %s", group, outageAttempts, backoff.toMillis(), summary(cause));
        return backoff;
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

    /** A record decoded into an event the handler declares. */
    private record Decoded(ConsumerRecord<byte[], byte[]> record, SpecificRecord event, EventMetadata metadata) {
    }

    /**
     * Decodes the record, or settles it at once: skipped (a type the handler does not declare) or
     * dead-lettered (no value, cannot be decoded). Throws {@link InfrastructureFailure} when it must be
     * tried again later.
     */
    private Object decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            deadLetter(record, "no value (tombstone) on an event topic", null);
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
            deadLetter(record, "cannot deserialize as " + topic.valueType().getSimpleName(), e);
            return Outcome.DEAD_LETTERED;
        }
        if (!dispatch.handles(metadata.cloudEventType())) {
            return Outcome.SKIPPED;
        }
        return new Decoded(record, event, metadata);
    }

    private void dispatch(Decoded decoded) {
        if (!dispatch.dispatch(decoded.event(), decoded.metadata())) {
            throw new IllegalStateException("no callback for " + decoded.metadata().cloudEventType());
        }
    }

    /** Applies one record; throws {@link InfrastructureFailure} when it must be tried again later. */
    Outcome apply(ConsumerRecord<byte[], byte[]> record) {
        Object decodedOrSettled = decode(record);
        if (decodedOrSettled instanceof Outcome settled) {
            return settled;
        }
        Decoded decodedRecord = (Decoded) decodedOrSettled;
        SpecificRecord event = decodedRecord.event();
        EventMetadata metadata = decodedRecord.metadata();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                Decoded decoded = new Decoded(record, event, metadata);
                return inbox.applyOnce(group, metadata.eventId(), () -> handler.applyAll(List.of(() -> dispatch(decoded))))
                        ? Outcome.PROCESSED : Outcome.DUPLICATE;
            } catch (RuntimeException e) {
                switch (FailureClassifier.classify(e)) {
                    case POISON -> {
                        deadLetter(record, "rejected by " + handler.name() + ": " + e.getMessage(), e);
                        return Outcome.DEAD_LETTERED;
                    }
                    case INFRASTRUCTURE -> throw new InfrastructureFailure(e);
                    case UNKNOWN -> {
                        last = e;
                        LOG.warnf("%s failed on event %s (attempt %d of %d): %s", group, metadata.eventId(), attempt,
                                settings.maxAttempts(), e.toString());
                        if (attempt < settings.maxAttempts()) {
                            unknownRetries.increment();
                            if (!sleep(settings.retryBackoff().multipliedBy(attempt))) {
                                throw new Stopping("consumer " + group + " stopping between attempts");
                            }
                        }
                    }
                }
            }
        }
        deadLetter(record, "handler failed after " + settings.maxAttempts() + " attempts", last);
        return Outcome.DEAD_LETTERED;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Sends to the dead-letter topic; Kafka refusing the send is not the record's fault either. */
    private void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, Throwable cause) {
        try {
            deadLetters.send(record, group, reason, cause);
        } catch (RuntimeException e) {
            throw new InfrastructureFailure(e);
        }
    }

    /** Sleeps in short slices; false (at once) when the service stops meanwhile. */
    private boolean sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            while (!stopping.getAsBoolean()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                Thread.sleep(Math.min(Duration.ofNanos(left).toMillis() + 1, SLEEP_SLICE.toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
