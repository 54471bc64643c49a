package io.switchboard.eventing.postgres;

import io.switchboard.eventing.Envelopes;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.EventSerde;
import io.switchboard.eventing.EventingConfig;
import io.switchboard.contracts.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.apache.avro.specific.SpecificRecord;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The producing side of "nothing lost, nothing doubled": events are written to {@code outbox_event}
 * in the caller's transaction, so they exist exactly when the state change that caused them does.
 * The {@link OutboxRelay} sends them to Kafka after commit.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event "
            + "(event_id, topic, record_key, event_type, subject, occurred_at, producer, payload) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?)";

    private final EntityManager entityManager;
    private final EventSerde serde;
    private final EventingConfig config;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    Outbox(EntityManager entityManager, EventSerde serde, EventingConfig config, Clock clock,
           TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.entityManager = entityManager;
        this.serde = serde;
        this.config = config;
        this.clock = clock;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** A pending event: where it goes and its envelope; the record key is the envelope's subject. */
    public record Pending(Topic topic, SpecificRecord envelope) {
    }

    /**
     * Wraps {@code payload} in a new envelope of {@code topic} about {@code subject} and appends it;
     * the subject is also the record key. Returns the event's metadata.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventMetadata publish(Topic topic, String subject, SpecificRecord payload) {
        return publish(topic, subject, payload, null);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public EventMetadata publish(Topic topic, String subject, SpecificRecord payload, String correlationId) {
        SpecificRecord envelope = Envelopes.wrap(topic, subject, payload, config.serviceName(), clock.instant(), correlationId);
        append(List.of(new Pending(topic, envelope)));
        return EventMetadata.of(envelope);
    }

    /** An event to publish on one topic: the envelope's subject (also the record key) and the payload. */
    public record Message(String subject, SpecificRecord payload) {
    }

    /** Wraps each payload in a new envelope of {@code topic} and appends them, in order, as one batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(Topic topic, List<Message> messages) {
        List<Pending> events = new ArrayList<>(messages.size());
        for (Message message : messages) {
            events.add(new Pending(topic, Envelopes.wrap(topic, message.subject(), message.payload(),
                    config.serviceName(), clock.instant(), null)));
        }
        append(events);
    }

    /** Appends ready-made envelopes, in order, as one JDBC batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        List<byte[]> payloads = new ArrayList<>(events.size());
        for (Pending event : events) {
            payloads.add(serde.serialize(event.topic(), event.envelope()));
        }
        // The state change goes to the database first, so the aggregate's row lock is held before
        // the outbox ids are drawn: events about one aggregate get increasing ids.
        entityManager.flush();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < events.size(); i++) {
                    Pending event = events.get(i);
                    EventMetadata meta = EventMetadata.of(event.envelope());
                    insert.setString(1, meta.eventId());
                    insert.setString(2, event.topic().topicName());
                    insert.setString(3, meta.subject()); // the record key is the subject
                    insert.setString(4, meta.cloudEventType());
                    insert.setString(5, meta.subject());
                    insert.setTimestamp(6, Timestamp.from(meta.occurredAt()));
                    insert.setString(7, meta.producer());
                    insert.setBytes(8, payloads.get(i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
