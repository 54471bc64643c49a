package io.switchboard.compensation.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The availability ledger's row of one subscription and billing month: what it achieved and what was credited. */
@Entity
@Table(name = "ledger_month")
@IdClass(LedgerMonthRow.Key.class)
public class LedgerMonthRow extends PanacheEntityBase {

    /** Subscription and the first day of the billing month. */
    public static class Key implements Serializable {
        public String subscriptionId;
        public LocalDate billingMonth;

        public Key() {
        }

        public Key(String subscriptionId, LocalDate billingMonth) {
            this.subscriptionId = subscriptionId;
            this.billingMonth = billingMonth;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.subscriptionId.equals(subscriptionId) && k.billingMonth.equals(billingMonth);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subscriptionId, billingMonth);
        }
    }

    @Id
    @Column(name = "subscription_id")
    public String subscriptionId;
    @Id
    @Column(name = "billing_month")
    public LocalDate billingMonth;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "unavailable_ms")
    public long unavailableMs;
    @Column(name = "month_ms")
    public long monthMs;
    public BigDecimal availability;
    public BigDecimal entitlement;
    @Column(name = "availability_credit")
    public BigDecimal availabilityCredit;
    @Column(name = "other_credit")
    public BigDecimal otherCredit;
    public String currency;
    @Column(name = "policy_id")
    public String policyId;
    @Column(name = "policy_version")
    public int policyVersion;
    public String arithmetic;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public List<Map<String, Object>> outages;
    /** The fee and commitment the month was last settled with (null before any settlement wrote them). */
    @Column(name = "monthly_fee")
    public BigDecimal monthlyFee;
    public BigDecimal commitment;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
