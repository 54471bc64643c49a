package io.switchboard.compensation.sla;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A support-SLA breach and what it earned: one row per ticket and target, so it is never credited twice. */
@Entity
@Table(name = "sla_breach")
@IdClass(SlaBreachRow.Key.class)
public class SlaBreachRow extends PanacheEntityBase {

    /** Ticket and SLA target. */
    public static class Key implements Serializable {
        public String ticketId;
        public String target;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.ticketId.equals(ticketId) && k.target.equals(target);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ticketId, target);
        }
    }

    @Id
    @Column(name = "ticket_id")
    public String ticketId;
    @Id
    public String target;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "customer_tier")
    public String customerTier;
    public String priority;
    public String product;
    public String region;
    @Column(name = "breached_at")
    public Instant breachedAt;
    @Column(name = "credit_id")
    public String creditId;
    public String reason;
}
