package io.switchboard.compensation.dispute;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** A dispute, its deadlines, the stage it has reached against them, and its decision. */
@Entity
@Table(name = "dispute")
public class DisputeRow extends PanacheEntityBase {

    public static final String OPEN = "OPEN";
    public static final String DECIDED = "DECIDED";

    @Id
    public String id;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "ticket_id")
    public String ticketId;
    @Column(name = "claim_id")
    public String claimId;
    public String level;
    public String description;
    @Column(name = "claimed_amount")
    public BigDecimal claimedAmount;
    public String currency;
    @Column(name = "opened_by")
    public String openedBy;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "decision_due_at")
    public Instant decisionDueAt;
    @Column(name = "committee_at")
    public Instant committeeAt;
    public String stage;
    public String status;
    public String outcome;
    @Column(name = "deciding_body")
    public String decidingBody;
    @Column(name = "awarded_amount")
    public BigDecimal awardedAmount;
    @Column(name = "credit_id")
    public String creditId;
    public String reason;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
}
