package io.switchboard.eventing.postgres;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/**
 * A read-only view of an outbox row, for operators (backlog size and age). Rows are written by
 * {@link Outbox} with plain JDBC batches and removed (or parked) by the {@link OutboxRelay}.
 */
@Entity
@Immutable
@Table(name = "outbox_event")
public class OutboxRow extends PanacheEntityBase {

    @Id
    public long id;

    @Column(name = "event_id")
    public String eventId;

    public String topic;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When the relay parked the row because Kafka refused it for good; null while it is relayable. */
    @Column(name = "parked_at")
    public Instant parkedAt;

    /** The refusal that parked the row (exception class and message). */
    @Column(name = "park_reason")
    public String parkReason;

    /**
     * Rows not yet sent, parked ones included. Declared here because Panache implements its static queries in the
     * entity class: a method reference to the inherited {@code count} reaches the unimplemented base method.
     */
    public static long countWaiting() {
        return count();
    }

    /** Rows parked by the relay, waiting for an operator (docs/operations.md). */
    public static long countParked() {
        return count("parkedAt is not null");
    }
}
