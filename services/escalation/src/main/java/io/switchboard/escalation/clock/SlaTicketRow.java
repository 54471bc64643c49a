package io.switchboard.escalation.clock;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A ticket as the escalation service keeps it: its facts, the notices published, and its durable timer. */
@Entity
@Table(name = "sla_ticket")
public class SlaTicketRow extends PanacheEntityBase {

    @Id
    @Column(name = "ticket_id")
    public String ticketId;

    @Column(name = "customer_id")
    public String customerId;

    /** JSON array of the ticket's facts. */
    public String facts;

    /** JSON array of the keys of the notices already published. */
    public String published;

    @Column(name = "support_level")
    public String supportLevel;

    @Column(name = "incident_id")
    public String incidentId;

    /** When the ticket next owes a notice; the poller claims rows whose time has come. */
    @Column(name = "next_due_at")
    public Instant nextDueAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
