package io.switchboard.eventing.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.eventing.EventingConfig;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * Runs the service's {@link MongoOutboxRelay} from startup to shutdown, over the collections named
 * in {@code switchboard.eventing.mongo.collections}, unless {@code switchboard.eventing.relay.enabled}
 * is false or no collection is named. Any number of instances may run it: the lease lets one send.
 */
@Singleton
public class MongoRelay {

    private static final Logger LOG = Logger.getLogger(MongoRelay.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final EventingConfig eventing;
    private final MongoEventingConfig config;
    private final String bootstrapServers;
    private final Clock clock;
    private final MongoDatabase database;
    private final List<String> collections;
    private MongoOutboxRelay relay;

    MongoRelay(MongoClient client, EventingConfig eventing, MongoEventingConfig config,
               @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, Clock clock) {
        this.eventing = eventing;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
        this.database = client.getDatabase(config.database().orElseGet(MongoRelay::quarkusDatabase));
        this.collections = config.collections().orElse(List.of());
    }

    private static String quarkusDatabase() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.mongodb.database", String.class)
                .orElseThrow(() -> new IllegalStateException(
                        "name the database: switchboard.eventing.mongo.database or quarkus.mongodb.database"));
    }

    void onStart(@Observes StartupEvent event) {
        if (!eventing.relay().enabled()) {
            LOG.info("the mongo outbox relay is disabled (switchboard.eventing.relay.enabled=false)");
            return;
        }
        if (collections.isEmpty()) {
            LOG.info("no collection publishes events (switchboard.eventing.mongo.collections): no outbox relay");
            return;
        }
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** The service's database, where the relayed collections and the lease live. */
    public MongoDatabase database() {
        return database;
    }

    /** The relayed collections. */
    public List<String> collections() {
        return collections;
    }

    public synchronized void start() {
        if (relay == null) {
            relay = newRelay();
            relay.start();
            LOG.infof("relaying the pending events of %s in %s", collections, database.getName());
        }
    }

    /** Stops relaying and gives the lease up; pending events wait for the next relay. */
    public synchronized void stop() {
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }

    /** Whether this instance runs a relay (it sends only while it holds the lease). */
    public synchronized boolean running() {
        return relay != null;
    }

    /** Whether this instance's relay held the lease at its last cycle. */
    public synchronized boolean holdsLease() {
        return relay != null && relay.holdsLease();
    }

    /** Sends now instead of at the next poll, e.g. after a command wrote events. */
    public synchronized void wakeUp() {
        if (relay != null) {
            relay.wakeUp();
        }
    }

    /** Tests: a fresh relay (as after a restart) whose worker runs {@code hook} between acknowledgement and pull. */
    synchronized void restartWith(MongoOutboxRelay.AfterAcknowledged hook) {
        stop();
        relay = newRelay();
        relay.onAfterAcknowledged(hook);
        relay.start();
    }

    private MongoOutboxRelay newRelay() {
        String clientId = eventing.serviceName() + "-outbox-relay";
        Properties producer = MongoOutboxRelay.producerConfig(bootstrapServers, clientId);
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) eventing.relay().maxBlock().toMillis());
        producer.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, eventing.relay().maxRequestSize());
        EventingConfig.Relay settings = eventing.relay();
        return new MongoOutboxRelay(database, collections,
                new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer()),
                new MongoOutboxRelay.Settings(eventing.serviceName() + "-outbox", owner(), config.leaseDuration(),
                        settings.batchSize(), settings.pollInterval(), settings.retryBackoff(), SEND_TIMEOUT),
                clock);
    }

    /** Unique per relay instance: host, process and a random part (a restarted process is a new owner). */
    private static String owner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
