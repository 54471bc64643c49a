package io.switchboard.eventing.postgres;

import io.switchboard.eventing.CloudEventHeaders;
import io.switchboard.eventing.EventingConfig;
import io.switchboard.eventing.KafkaProducers;
import io.switchboard.eventing.RelayWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGStatement;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Moves committed outbox rows to Kafka: takes a batch in id order, sends it with an idempotent
 * producer (acks=all), waits for every acknowledgement, then deletes the rows in the same database
 * transaction. A crash before the delete re-sends the batch on the next run (consumers drop the
 * duplicates by event id); a crash before the send loses nothing, the rows wait.
 *
 * <p>A row Kafka refuses for good (too large, invalid or missing topic, not serializable) is
 * parked with its error ({@code parked_at}, {@code park_reason}) in the same transaction that
 * deletes the rows acknowledged beside it, so nothing is sent twice because of it. Later rows with
 * the same topic and key wait behind a parked row until an operator releases it; other keys go on.
 * When Kafka is unreachable nothing is parked: acknowledged rows are deleted, the rest wait, and
 * the relay retries with a doubling back-off.
 *
 * <p>A transaction-scoped advisory lock lets only one instance per database relay at a time, which
 * keeps the per-key order of the rows on the topic.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key of the relay; each service has a database of its own. */
    static final long RELAY_LOCK = 0x5377_6974_6368_4f42L;
    private static final long SEND_TIMEOUT_SECONDS = 30;
    private static final long ADMIN_TIMEOUT_SECONDS = 5;

    private final DataSource dataSource;
    private final EventingConfig config;
    private final String bootstrapServers;
    private final Clock clock;
    private final Counter relayed;
    private final Timer lag;
    private RelayWorker worker;
    private KafkaProducer<String, byte[]> producer;
    private Admin admin;

    OutboxRelay(DataSource dataSource, EventingConfig config,
                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                Clock clock, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
        this.relayed = Counter.builder("switchboard.outbox.relayed").description("Outbox events sent to Kafka").register(meters);
        this.lag = Timer.builder("switchboard.outbox.lag").description("From outbox insert to Kafka acknowledgement")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.relay().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (worker != null) {
            return;
        }
        Properties props = KafkaProducers.reliable(bootstrapServers, config.serviceName() + "-outbox-relay");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.relay().maxBlock().toMillis());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.relay().maxRequestSize());
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        EventingConfig.Relay relay = config.relay();
        worker = new RelayWorker("outbox-relay", this::cycle,
                new RelayWorker.Timing(relay.batchSize(), relay.pollInterval(), relay.linger(), relay.retryBackoff(),
                        relay.maxRetryBackoff()),
                (inARow, backoff, failure) -> LOG.warnf("outbox relay cycle failed (%d in a row), retrying in %s: %s",
                        inARow, backoff, failure.toString()));
        worker.start();
    }

    /** Stops relaying; rows stay in the outbox until a relay runs again. */
    public synchronized void stop() {
        if (worker == null) {
            return;
        }
        worker.stop(Duration.ofSeconds(SEND_TIMEOUT_SECONDS + 5));
        worker = null;
        producer.close(Duration.ofSeconds(5));
        producer = null;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    /** Called after a transaction with outbox rows commits, to send them without waiting a poll. */
    public void wakeUp() {
        RelayWorker current = worker;
        if (current != null) {
            current.wakeUp();
        }
    }

    /** A cycle for the worker: what it settled, or the failure that makes it back off. */
    private int cycle() throws Exception {
        Outcome outcome = relayOnce();
        if (outcome.retry() != null) {
            throw outcome.retry();
        }
        return outcome.sent() + outcome.parked();
    }

    /**
     * One relay transaction: what was acknowledged is deleted and what Kafka refused for good is
     * parked, both committed, even when Kafka became unreachable midway ({@link Outcome#retry()}).
     */
    Outcome relayOnce() throws Exception {
        KafkaProducer<String, byte[]> sender = producer;
        if (sender == null) {
            return Outcome.NOTHING;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Outcome outcome = relayBatch(connection, sender);
                connection.commit();
                return outcome;
            } catch (Exception | Error e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** What one relay transaction did; {@code retry} is the failure that makes the relay back off. */
    record Outcome(int sent, int parked, Exception retry) {
        static final Outcome NOTHING = new Outcome(0, 0, null);
    }

    /** An outbox row on its way; its lane is its topic and key, the unit of order. */
    private record Row(long id, String eventId, String topic, String key, long createdAt,
                       ProducerRecord<String, byte[]> record) {
        String lane() {
            return topic + '\u0000' + key;
        }
    }

    private static final String COLUMNS = "select o.id, o.event_id, o.topic, o.record_key, o.event_type, o.subject, "
            + "o.occurred_at, o.producer, o.payload, o.created_at from outbox_event o where o.parked_at is null ";

    /** The common case, no parked row: the oldest rows by primary key. */
    private static final String SELECT = COLUMNS + "order by o.id limit ?";

    /**
     * Around parked rows: rows behind a parked row of their topic and key wait. The parked lanes are read first
     * (a handful, through the partial index) and passed as arrays, so the plan never depends on the size of the
     * table: a join of the whole outbox against itself once took minutes under load with stale statistics.
     */
    private static final String SELECT_AROUND_PARKED = COLUMNS
            + "and not exists (select 1 from unnest(?::text[], ?::text[], ?::bigint[]) as p(topic, record_key, first_parked) "
            + "where p.topic = o.topic and p.record_key = o.record_key and p.first_parked < o.id) "
            + "order by o.id limit ?";

    private static final String PARKED_LANES = "select topic, record_key, min(id) from outbox_event "
            + "where parked_at is not null group by topic, record_key";

    private Outcome relayBatch(Connection connection, KafkaProducer<String, byte[]> sender) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Outcome.NOTHING; // another instance is relaying
                }
            }
        }
        List<String> parkedTopics = new ArrayList<>();
        List<String> parkedKeys = new ArrayList<>();
        List<Long> firstParked = new ArrayList<>();
        try (PreparedStatement lanes = plannedEachTime(connection, PARKED_LANES); ResultSet rs = lanes.executeQuery()) {
            while (rs.next()) {
                parkedTopics.add(rs.getString(1));
                parkedKeys.add(rs.getString(2));
                firstParked.add(rs.getLong(3));
            }
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = plannedEachTime(connection, parkedTopics.isEmpty() ? SELECT : SELECT_AROUND_PARKED)) {
            if (parkedTopics.isEmpty()) {
                select.setInt(1, config.relay().batchSize());
            } else {
                select.setArray(1, connection.createArrayOf("text", parkedTopics.toArray()));
                select.setArray(2, connection.createArrayOf("text", parkedKeys.toArray()));
                select.setArray(3, connection.createArrayOf("bigint", firstParked.toArray()));
                select.setInt(4, config.relay().batchSize());
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString(3), null, rs.getString(4),
                            rs.getBytes(9), CloudEventHeaders.of(rs.getString(2), rs.getString(5), rs.getString(8),
                            rs.getString(6), rs.getTimestamp(7).toInstant()));
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(10).getTime(), record));
                }
            }
        }
        if (rows.isEmpty()) {
            return Outcome.NOTHING;
        }
        // Lanes with a parked row: their later rows are not sent, they wait behind it.
        Set<String> stopped = new HashSet<>();
        Map<Row, String> parked = new LinkedHashMap<>();
        List<Row> inFlight = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        Exception retry = null;
        for (Row row : rows) {
            if (stopped.contains(row.lane())) {
                continue;
            }
            Future<RecordMetadata> ack;
            try {
                ack = sender.send(row.record());
            } catch (KafkaException e) { // e.g. a SerializationException, thrown rather than returned
                ack = CompletableFuture.failedFuture(e);
            }
            // A refusal by the producer itself (record too large, invalid topic, no metadata within
            // max.block) comes back already completed, before any later row is sent.
            Throwable refused = ack.isDone() ? failure(ack) : null;
            if (refused != null) {
                String reason = parkReason(refused, row.topic());
                if (reason != null) {
                    parked.put(row, reason);
                    stopped.add(row.lane());
                    continue;
                }
                retry = asException(refused); // Kafka unreachable: send nothing more, keep the rest
                break;
            }
            inFlight.add(row);
            acks.add(ack);
        }
        List<Row> delivered = new ArrayList<>();
        for (int i = 0; i < inFlight.size(); i++) {
            Row row = inFlight.get(i);
            try {
                acks.get(i).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                delivered.add(row);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                String reason = parkReason(cause, row.topic());
                if (reason != null) {
                    parked.put(row, reason);
                    if (!stopped.add(row.lane()) || inFlight.subList(i + 1, inFlight.size()).stream()
                            .anyMatch(later -> later.lane().equals(row.lane()))) {
                        LOG.warnf("outbox row %d was refused by the broker after later rows with key %s on %s had "
                                + "been sent: those went ahead of it", row.id(), row.key(), row.topic());
                    }
                } else if (retry == null) {
                    retry = asException(cause);
                }
            } catch (java.util.concurrent.TimeoutException e) {
                if (retry == null) {
                    retry = e;
                }
            }
        }
        Runnable fault = beforeMarking;
        if (fault != null) {
            fault.run();
        }
        delete(connection, delivered.stream().map(Row::id).toList());
        park(connection, parked);
        long now = clock.millis();
        delivered.forEach(row -> lag.record(Math.max(0, now - row.createdAt()), TimeUnit.MILLISECONDS));
        relayed.increment(delivered.size());
        return new Outcome(delivered.size(), parked.size(), retry);
    }

    /**
     * Test fault point: runs after Kafka acknowledged the batch and before its rows are deleted;
     * whatever it throws ends the relay transaction there, as a crash would.
     */
    private volatile Runnable beforeMarking;

    /** Sets (or, with null, clears) the test fault point; a method, so that it reaches the bean through its proxy. */
    public void faultBeforeMarking(Runnable fault) {
        this.beforeMarking = fault;
    }

    /**
     * Why the row is parked when Kafka refuses this record for good, so that retrying cannot help:
     * too large, an invalid or missing topic, a record the producer cannot serialize. Null for
     * anything else (broker down, leader moving, timeouts): retried with back-off, nothing parked.
     */
    String parkReason(Throwable failure, String topic) {
        if (failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidTopicException || failure instanceof InvalidRecordException
                || failure instanceof SerializationException) {
            return describe(failure);
        }
        if (failure instanceof UnknownTopicOrPartitionException || failure instanceof org.apache.kafka.common.errors.TimeoutException) {
            // "Topic not present in metadata after max.block.ms" is what both a missing topic and an
            // unreachable cluster look like to the producer: ask the cluster which one it is.
            return topicMissing(topic) ? UnknownTopicOrPartitionException.class.getName() + ": the cluster has no topic "
                    + topic + " (" + describe(failure) + ")" : null;
        }
        return null;
    }

    private boolean topicMissing(String topic) {
        try {
            admin().describeTopics(List.of(topic)).allTopicNames().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof UnknownTopicOrPartitionException;
        } catch (Exception e) {
            return false; // the cluster does not answer: retry later
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.serviceName() + "-outbox-relay-admin");
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(ADMIN_TIMEOUT_SECONDS));
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(ADMIN_TIMEOUT_SECONDS));
            admin = Admin.create(props);
        }
        return admin;
    }

    private static Throwable failure(Future<RecordMetadata> done) {
        try {
            done.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    private static Exception asException(Throwable failure) {
        return failure instanceof Exception e ? e : new KafkaException(failure);
    }

    private static String describe(Throwable failure) {
        String text = failure.getClass().getName() + ": " + failure.getMessage();
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private void park(Connection connection, Map<Row, String> parked) throws SQLException {
        if (parked.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update outbox_event set parked_at = now(), park_reason = ? where id = ?")) {
            for (Map.Entry<Row, String> entry : parked.entrySet()) {
                Row row = entry.getKey();
                LOG.errorf("parked outbox row %d (event %s on %s, key %s): %s. Later rows with this key wait until "
                                + "it is released; see docs/operations.md, \"Parked outbox rows\"",
                        row.id(), row.eventId(), row.topic(), row.key(), entry.getValue());
                update.setString(1, entry.getValue());
                update.setLong(2, row.id());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /**
     * A statement PostgreSQL plans at each execution, never from a plan the driver cached on the server: the outbox
     * is empty most of the time, and a plan made then (a sequential scan costs nothing on no pages) stayed while a
     * burst filled the table, until the next analyze; every poll then read the whole table (seen at 5-9 ms a call
     * under a burst of 300,000 rows, and 258 ms for one read of 200,000 in a reproduction).
     */
    private static PreparedStatement plannedEachTime(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        return statement;
    }

    private static void delete(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = plannedEachTime(connection, "delete from outbox_event where id = any(?)")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            delete.setArray(1, array);
            delete.executeUpdate();
        }
    }
}
