package io.switchboard.compensation.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A credit or an adjustment. {@code cause} is unique per subscription and month: one outage revision, one
 * support-SLA breach, one claim or dispute decision never yields two rows.
 */
@Entity
@Table(name = "credit")
public class CreditRow extends PanacheEntityBase {

    public static final String ISSUED = "ISSUED";
    public static final String ADJUSTED = "ADJUSTED";

    @Id
    public String id;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "subscription_id")
    public String subscriptionId;
    @Column(name = "billing_month")
    public LocalDate billingMonth;
    public String kind;
    public String basis;
    public String cause;
    public BigDecimal amount;
    public String currency;
    public String form;
    @Column(name = "outage_id")
    public String outageId;
    @Column(name = "ticket_id")
    public String ticketId;
    @Column(name = "claim_id")
    public String claimId;
    @Column(name = "policy_id")
    public String policyId;
    @Column(name = "policy_version")
    public int policyVersion;
    public BigDecimal availability;
    public String arithmetic;
    @Column(name = "issued_at")
    public Instant issuedAt;
}
