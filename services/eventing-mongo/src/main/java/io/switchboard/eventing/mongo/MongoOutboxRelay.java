package io.switchboard.eventing.mongo;

import io.switchboard.eventing.KafkaProducers;
import io.switchboard.eventing.RelayWorker;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.switchboard.eventing.mongo.OutboxFields.ERROR;
import static io.switchboard.eventing.mongo.OutboxFields.EVENT_ID;
import static io.switchboard.eventing.mongo.OutboxFields.KEY;
import static io.switchboard.eventing.mongo.OutboxFields.PARKED_AT;
import static io.switchboard.eventing.mongo.OutboxFields.PARKED_EVENTS;
import static io.switchboard.eventing.mongo.OutboxFields.PENDING_EVENTS;
import static io.switchboard.eventing.mongo.OutboxFields.PENDING_SINCE;

/**
 * Moves pending events from documents to Kafka. A cycle, run only while this instance holds the
 * {@link RelayLease}: per registered collection, take the documents with pending events, oldest
 * first; send each document's events in array order with an idempotent producer ({@code acks=all});
 * wait for the acknowledgements; then {@code $pull} exactly the acknowledged event ids from the
 * document, so that an event appended meanwhile stays.
 *
 * <p>A crash after the send and before the pull re-sends those events on the next cycle (consumers
 * drop them by event id); a crash before the send loses nothing.
 *
 * <p>An event Kafka refuses for good (a record too large, an invalid topic) is parked: moved to the
 * document's {@code parkedEvents} with its error. The document's later events with the same key
 * then wait (they are not sent, so their order holds) until an operator retries or discards the
 * parked event through {@link MongoOutbox}; events of other keys and of other documents go on.
 */
public final class MongoOutboxRelay implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MongoOutboxRelay.class.getName());

    /**
     * How the relay runs.
     *
     * @param leaseName     the lease document's id: one relay sends per lease name and database
     * @param owner         this instance's name in the lease (host and process, say); unique
     * @param leaseDuration how long a lease lasts unless renewed; longer than {@code sendTimeout}
     * @param batchSize     documents taken per collection and cycle
     * @param pollInterval  the wait between cycles that found little to do
     * @param retryBackoff  the wait after a failed cycle
     * @param sendTimeout   how long to wait for one acknowledgement
     */
    public record Settings(String leaseName, String owner, Duration leaseDuration, int batchSize,
                           Duration pollInterval, Duration retryBackoff, Duration sendTimeout) {

        public Settings {
            Objects.requireNonNull(leaseName, "leaseName");
            Objects.requireNonNull(owner, "owner");
            if (leaseDuration.compareTo(sendTimeout) <= 0) {
                throw new IllegalArgumentException("the lease (" + leaseDuration + ") must outlast a send (" + sendTimeout + ")");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive");
            }
        }

        public static Settings defaults(String leaseName, String owner) {
            return new Settings(leaseName, owner, Duration.ofSeconds(45), 100, Duration.ofMillis(500),
                    Duration.ofSeconds(1), Duration.ofSeconds(30));
        }

        public Settings withLeaseDuration(Duration duration) {
            return new Settings(leaseName, owner, duration, batchSize, pollInterval, retryBackoff, sendTimeout);
        }

        public Settings withPollInterval(Duration interval) {
            return new Settings(leaseName, owner, leaseDuration, batchSize, interval, retryBackoff, sendTimeout);
        }
    }

    /** A test's way in between acknowledgement and pull, to simulate a crash there. */
    interface AfterAcknowledged {
        void on(String collection, Object documentId, List<String> acknowledgedEventIds);
    }

    private final MongoDatabase database;
    private final List<String> collections;
    private final Producer<String, byte[]> producer;
    private final Settings settings;
    private final RelayLease lease;
    private final Clock clock;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong failedCycles = new AtomicLong();
    private volatile AfterAcknowledged afterAcknowledged = (collection, id, ids) -> { };
    private RelayWorker worker;

    /** The relay takes ownership of {@code producer} and closes it on {@link #close()}. */
    public MongoOutboxRelay(MongoDatabase database, List<String> collections, Producer<String, byte[]> producer,
                            Settings settings, Clock clock) {
        this.database = database;
        this.collections = List.copyOf(collections);
        this.producer = producer;
        this.settings = settings;
        this.clock = clock;
        this.lease = new RelayLease(database, settings.leaseName(), settings.owner(), settings.leaseDuration(), clock);
    }

    /** Producer settings the relay's guarantees rest on: idempotent, acks from all in-sync replicas. */
    public static Properties producerConfig(String bootstrapServers, String clientId) {
        Properties props = KafkaProducers.reliable(bootstrapServers, clientId);
        // A missing topic blocks send() this long before failing; the cycle moves on afterwards.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return props;
    }

    /** The sparse index the relay finds work by, on each registered collection. Idempotent. */
    public void ensureIndexes() {
        for (String name : collections) {
            database.getCollection(name).createIndex(Indexes.ascending(PENDING_SINCE), new IndexOptions().sparse(true));
        }
    }

    public synchronized void start() {
        if (worker != null) {
            return;
        }
        ensureIndexes();
        // A constant wait after a failed cycle: the lease, not the back-off, keeps a second relay out.
        worker = new RelayWorker("mongo-outbox-relay", this::relayOnce,
                new RelayWorker.Timing(settings.batchSize(), settings.pollInterval(), Duration.ZERO,
                        settings.retryBackoff(), settings.retryBackoff()),
                (inARow, backoff, failure) -> {
                    failedCycles.incrementAndGet();
                    LOG.log(System.Logger.Level.WARNING, "mongo outbox relay cycle failed, retrying in " + backoff + ": "
                            + failure);
                });
        worker.start();
    }

    /** Stops relaying and gives the lease up; events stay pending until a relay runs again. */
    public synchronized void stop() {
        if (worker == null) {
            return;
        }
        worker.stop(settings.sendTimeout().plusSeconds(5));
        worker = null;
        try {
            lease.release();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not release the relay lease; it expires by itself: " + e);
        }
    }

    @Override
    public void close() {
        stop();
        producer.close(Duration.ofSeconds(5));
    }

    /** Sends without waiting for the poll interval, e.g. after a change with events was written. */
    public void wakeUp() {
        RelayWorker current = worker;
        if (current != null) {
            current.wakeUp();
        }
    }

    /**
     * One cycle: renews or takes the lease, then relays up to a batch per collection. Returns the
     * number of events acknowledged by Kafka; 0 when another instance holds the lease.
     */
    public int relayOnce() {
        int acknowledged = 0;
        for (String name : collections) {
            if (!lease.acquire()) {
                return acknowledged;
            }
            acknowledged += relayBatch(name, database.getCollection(name));
        }
        return acknowledged;
    }

    private int relayBatch(String name, MongoCollection<Document> collection) {
        List<Document> documents = collection.find(Filters.exists(PENDING_SINCE))
                .sort(Sorts.ascending(PENDING_SINCE))
                .projection(Projections.include(PENDING_EVENTS, PARKED_EVENTS + "." + KEY))
                .limit(settings.batchSize())
                .into(new ArrayList<>());
        // Send everything first, then settle document by document: one round of waiting per batch.
        List<DocumentSend> sends = new ArrayList<>(documents.size());
        for (Document document : documents) {
            sends.add(send(document));
        }
        int acknowledged = 0;
        for (DocumentSend send : sends) {
            acknowledged += settle(name, collection, send);
        }
        return acknowledged;
    }

    private record Attempt(Document event, String key, Future<RecordMetadata> ack) {
    }

    private record DocumentSend(Object id, List<Attempt> attempts) {
    }

    private DocumentSend send(Document document) {
        Set<String> blockedKeys = new HashSet<>();
        for (Document parkedEvent : document.getList(PARKED_EVENTS, Document.class, List.of())) {
            blockedKeys.add(parkedEvent.getString(KEY));
        }
        List<Attempt> attempts = new ArrayList<>();
        for (Document stored : document.getList(PENDING_EVENTS, Document.class, List.of())) {
            String key = stored.getString(KEY);
            if (blockedKeys.contains(key)) {
                attempts.add(new Attempt(stored, key, null)); // waits behind a parked event
                continue;
            }
            Future<RecordMetadata> ack = producer.send(record(OutboxFields.fromBson(stored)));
            if (ack.isDone() && refusal(ack) != null) {
                // Refused before it left (too large, say): hold back this key's later events now,
                // so that none of them overtakes it.
                blockedKeys.add(key);
            }
            attempts.add(new Attempt(stored, key, ack));
        }
        return new DocumentSend(document.get("_id"), attempts);
    }

    private static ProducerRecord<String, byte[]> record(EncodedEvent event) {
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(event.topicName(), null, event.key(), event.payload(), headers);
    }

    /** Returns the number of events acknowledged. */
    private int settle(String name, MongoCollection<Document> collection, DocumentSend send) {
        List<String> acknowledged = new ArrayList<>();
        List<String> toPark = new ArrayList<>();
        List<Document> parkedEvents = new ArrayList<>();
        Set<String> retryKeys = new HashSet<>();
        int waiting = 0;
        for (Attempt attempt : send.attempts()) {
            if (attempt.ack() == null) {
                waiting++;
                continue;
            }
            Throwable failure = await(attempt.ack());
            if (retryKeys.contains(attempt.key())) {
                // An earlier event of this key failed for now: keep this one (even if it went out) so
                // that the next cycle sends the key's events again in order. Consumers drop the repeat.
                continue;
            }
            String eventId = attempt.event().getString(EVENT_ID);
            if (failure == null) {
                acknowledged.add(eventId);
            } else if (isRefusal(failure)) {
                LOG.log(System.Logger.Level.ERROR, "parking event " + eventId + " of " + name + "/" + send.id()
                        + ", Kafka refused it: " + failure);
                toPark.add(eventId);
                Document parkedEvent = new Document(attempt.event());
                parkedEvent.put(ERROR, failure.toString());
                parkedEvent.put(PARKED_AT, Date.from(clock.instant()));
                parkedEvents.add(parkedEvent);
            } else {
                LOG.log(System.Logger.Level.WARNING, "event " + eventId + " of " + name + "/" + send.id()
                        + " not sent, retrying next cycle: " + failure);
                retryKeys.add(attempt.key());
            }
        }
        if (acknowledged.isEmpty() && toPark.isEmpty() && retryKeys.isEmpty() && waiting == 0) {
            clearPendingSince(collection, send.id(), 0); // nothing pending: a crash left the marker behind
            return 0;
        }
        if (!acknowledged.isEmpty()) {
            afterAcknowledged.on(name, send.id(), List.copyOf(acknowledged));
        }
        if (!acknowledged.isEmpty() || !toPark.isEmpty()) {
            List<String> removed = new ArrayList<>(acknowledged);
            removed.addAll(toPark);
            List<Bson> updates = new ArrayList<>();
            updates.add(Updates.pull(PENDING_EVENTS, Filters.in(EVENT_ID, removed)));
            if (!parkedEvents.isEmpty()) {
                updates.add(Updates.pushEach(PARKED_EVENTS, parkedEvents));
            }
            collection.updateOne(Filters.eq("_id", send.id()), Updates.combine(updates));
        }
        sent.addAndGet(acknowledged.size());
        parked.addAndGet(toPark.size());
        if (retryKeys.isEmpty()) {
            // What is left only waits behind parked events: stop finding the document until an
            // operator acts or a new event arrives (both set pendingSince again).
            int remaining = send.attempts().size() - acknowledged.size() - toPark.size();
            clearPendingSince(collection, send.id(), remaining);
        }
        return acknowledged.size();
    }

    /**
     * Unsets {@code pendingSince} if the document still has exactly {@code remaining} pending
     * events. Only the relay removes pending events and writers only append, so an unchanged size
     * means nothing was appended since the relay read the document.
     */
    private static void clearPendingSince(MongoCollection<Document> collection, Object id, int remaining) {
        Bson sizeIs = remaining == 0
                ? Filters.or(Filters.exists(PENDING_EVENTS, false), Filters.size(PENDING_EVENTS, 0))
                : Filters.size(PENDING_EVENTS, remaining);
        collection.updateOne(Filters.and(Filters.eq("_id", id), sizeIs), Updates.unset(PENDING_SINCE));
    }

    private Throwable await(Future<RecordMetadata> ack) {
        try {
            ack.get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private static Throwable refusal(Future<RecordMetadata> ack) {
        try {
            ack.get();
            return null;
        } catch (ExecutionException e) {
            return isRefusal(e.getCause()) ? e.getCause() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * A Kafka error that sending again will not cure. Timeouts, unreachable brokers and missing
     * topics (which look alike to a producer: metadata does not arrive) are retried, and so are
     * authentication and authorization errors, which are configuration to fix, not events to park.
     */
    static boolean isRefusal(Throwable failure) {
        return failure instanceof org.apache.kafka.common.errors.ApiException
                && !(failure instanceof RetriableException)
                && !(failure instanceof AuthenticationException)
                && !(failure instanceof AuthorizationException);
    }

    void onAfterAcknowledged(AfterAcknowledged hook) {
        this.afterAcknowledged = hook;
    }

    /** Events Kafka acknowledged and the relay removed from their documents, since start. */
    public long sentCount() {
        return sent.get();
    }

    /** Events parked since start. */
    public long parkedCount() {
        return parked.get();
    }

    /** Cycles that failed (a database or producer error) since start. */
    public long failedCycles() {
        return failedCycles.get();
    }

    /** Whether this instance held the lease at its last cycle. */
    public boolean holdsLease() {
        return lease.isHeld();
    }
}
