package io.switchboard.compensation.claim;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A customer's claim for a period of a subscription, and its decision. */
@Entity
@Table(name = "claim")
public class ClaimRow extends PanacheEntityBase {

    public static final String UNDER_REVIEW = "UNDER_REVIEW";

    @Id
    public String id;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "subscription_id")
    public String subscriptionId;
    @Column(name = "period_from")
    public Instant periodFrom;
    @Column(name = "period_until")
    public Instant periodUntil;
    @Column(name = "billing_month")
    public LocalDate billingMonth;
    public String evidence;
    @Column(name = "ticket_id")
    public String ticketId;
    public String status;
    public String reason;
    @Column(name = "approved_amount")
    public BigDecimal approvedAmount;
    public String currency;
    @Column(name = "claimed_by")
    public String claimedBy;
    @Column(name = "claimed_at")
    public Instant claimedAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
}
