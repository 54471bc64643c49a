package io.switchboard.eventing.postgres;

import io.switchboard.eventing.CloudEventHeaders;
import io.switchboard.eventing.EventingConfig;
import io.switchboard.eventing.KafkaProducers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Moves committed outbox rows to Kafka: takes a batch in id order, sends it with an idempotent
 * producer (acks=all), waits for every acknowledgement, then deletes the rows in the same database
 * transaction. A crash before the delete re-sends the batch on the next run (consumers drop the
 * duplicates by event id); a crash before the send loses nothing, the rows wait.
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

    private final DataSource dataSource;
    private final EventingConfig config;
    private final String bootstrapServers;
    private final Clock clock;
    private final Counter relayed;
    private final Timer lag;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, byte[]> producer;

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
        if (running) {
            return;
        }
        producer = new KafkaProducer<>(KafkaProducers.reliable(bootstrapServers, config.serviceName() + "-outbox-relay"),
                new StringSerializer(), new ByteArraySerializer());
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /** Stops relaying; rows stay in the outbox until a relay runs again. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(SEND_TIMEOUT_SECONDS + 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        producer = null;
    }

    /** Called after a transaction with outbox rows commits, to send them without waiting a poll. */
    public void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            try {
                int sent = relayBatch();
                if (sent < config.relay().batchSize()) {
                    await(config.relay().pollInterval());
                    linger();
                }
            } catch (Exception e) {
                LOG.warnf("outbox relay cycle failed, retrying in %s: %s", config.relay().retryBackoff(), e.toString());
                await(config.relay().retryBackoff());
            }
        }
    }

    private void linger() {
        long nanos = config.relay().linger().toNanos();
        if (nanos > 0 && running) {
            java.util.concurrent.locks.LockSupport.parkNanos(nanos);
        }
    }

    private void await(Duration timeout) {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(Math.max(1, timeout.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    /** One relay transaction; returns how many events it sent. */
    int relayBatch() throws Exception {
        KafkaProducer<String, byte[]> sender = producer;
        if (sender == null) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int sent = relayBatch(connection, sender);
                connection.commit();
                return sent;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int relayBatch(Connection connection, KafkaProducer<String, byte[]> sender) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0; // another instance is relaying
                }
            }
        }
        List<Long> ids = new ArrayList<>();
        List<Long> createdAt = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, event_id, topic, record_key, event_type, subject, occurred_at, producer, payload, created_at "
                        + "from outbox_event order by id limit ?")) {
            select.setInt(1, config.relay().batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    createdAt.add(rs.getTimestamp(10).getTime());
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString(3), null, rs.getString(4),
                            rs.getBytes(9), CloudEventHeaders.of(rs.getString(2), rs.getString(5), rs.getString(8),
                            rs.getString(6), rs.getTimestamp(7).toInstant()));
                    acks.add(sender.send(record));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        delete(connection, ids);
        long now = clock.millis();
        createdAt.forEach(created -> lag.record(Math.max(0, now - created), TimeUnit.MILLISECONDS));
        relayed.increment(ids.size());
        return ids.size();
    }

    private static void delete(Connection connection, List<Long> ids) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from outbox_event where id = any(?)")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            delete.setArray(1, array);
            delete.executeUpdate();
        }
    }
}
