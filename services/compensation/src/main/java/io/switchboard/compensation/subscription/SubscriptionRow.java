package io.switchboard.compensation.subscription;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.switchboard.compensation.domain.Money;
import io.switchboard.compensation.domain.Subscription;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/** A subscription as stored. */
@Entity
@Table(name = "subscription")
public class SubscriptionRow extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "customer_id")
    public String customerId;
    public String product;
    public String region;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "resource_ids", columnDefinition = "jsonb")
    public List<String> resourceIds;
    @Column(name = "monthly_fee")
    public BigDecimal monthlyFee;
    public String currency;
    public BigDecimal commitment;
    @Column(name = "billing_zone")
    public String billingZone;
    @Column(name = "policy_id")
    public String policyId;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;

    public Subscription toDomain() {
        return new Subscription(id, customerId, product, region, Set.copyOf(resourceIds),
                new Money(monthlyFee, Currency.getInstance(currency)), commitment, ZoneId.of(billingZone), policyId);
    }

    void apply(Subscription s, String actor, Instant at) {
        id = s.id();
        customerId = s.customerId();
        product = s.product();
        region = s.region();
        resourceIds = new ArrayList<>(s.resourceIds().stream().sorted().toList());
        monthlyFee = s.monthlyFee().amount();
        currency = s.monthlyFee().currency().getCurrencyCode();
        commitment = s.commitment();
        billingZone = s.billingZone().getId();
        policyId = s.policyId();
        updatedBy = actor;
        updatedAt = at;
    }

    /** Same terms as {@code s} (numbers by value): a repeated sync changes nothing. */
    boolean sameTermsAs(Subscription s) {
        return customerId.equals(s.customerId()) && product.equals(s.product()) && region.equals(s.region())
                && Set.copyOf(resourceIds).equals(s.resourceIds()) && monthlyFee.compareTo(s.monthlyFee().amount()) == 0
                && currency.equals(s.monthlyFee().currency().getCurrencyCode()) && commitment.compareTo(s.commitment()) == 0
                && billingZone.equals(s.billingZone().getId()) && policyId.equals(s.policyId());
    }
}
