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
 * {@link Outbox} with plain JDBC batches and removed by the {@link OutboxRelay}.
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
}
