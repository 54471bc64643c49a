package io.switchboard.compensation.sla;

import io.switchboard.compensation.audit.AuditTrail;
import io.switchboard.compensation.config.PolicyCatalog;
import io.switchboard.compensation.domain.BillingMonth;
import io.switchboard.compensation.domain.CreditCalculator;
import io.switchboard.compensation.domain.CreditPolicy;
import io.switchboard.compensation.domain.Money;
import io.switchboard.compensation.domain.Subscription;
import io.switchboard.compensation.ledger.CreditRow;
import io.switchboard.compensation.ledger.OneOffCredits;
import io.switchboard.compensation.subscription.SubscriptionRow;
import io.switchboard.contracts.sla.SlaBreached;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a support-SLA breach earns: the policy of the customer's subscription for the ticket's product grants a
 * percent of its monthly fee per tier, priority and target; no matching subscription or rule means no credit,
 * recorded with the reason.
 */
@ApplicationScoped
public class SupportBreaches {

    private final EntityManager em;
    private final PolicyCatalog policies;
    private final OneOffCredits credits;
    private final AuditTrail audit;

    SupportBreaches(EntityManager em, PolicyCatalog policies, OneOffCredits credits, AuditTrail audit) {
        this.em = em;
        this.policies = policies;
        this.credits = credits;
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public SlaBreachRow decide(SlaBreached breach, String actor) {
        int inserted = em.createNativeQuery("insert into sla_breach (ticket_id, target, customer_id, customer_tier, priority, product, "
                        + "region, breached_at, reason) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '') on conflict do nothing")
                .setParameter(1, breach.getTicketId()).setParameter(2, breach.getTarget().name())
                .setParameter(3, breach.getCustomerId()).setParameter(4, breach.getCustomerTier().name())
                .setParameter(5, breach.getPriority().name()).setParameter(6, breach.getProduct())
                .setParameter(7, breach.getRegion()).setParameter(8, java.sql.Timestamp.from(breach.getBreachedAt()))
                .executeUpdate();
        SlaBreachRow.Key key = new SlaBreachRow.Key();
        key.ticketId = breach.getTicketId();
        key.target = breach.getTarget().name();
        SlaBreachRow row = em.find(SlaBreachRow.class, key);
        if (inserted == 0) {
            return row; // decided before: the same breach never earns twice
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", breach.getTicketId());
        data.put("target", breach.getTarget().name());
        data.put("customerTier", breach.getCustomerTier().name());
        data.put("priority", breach.getPriority().name());
        data.put("product", breach.getProduct());
        data.put("region", breach.getRegion());
        data.put("targetSeconds", breach.getTargetSeconds());
        data.put("actualSeconds", breach.getActualSeconds());
        data.put("slaPolicy", breach.getPolicyId() + " v" + breach.getPolicyVersion());
        Optional<Subscription> subscription = subscriptionFor(breach);
        String decision;
        CreditPolicy policy = null;
        if (subscription.isEmpty()) {
            decision = "NO_CREDIT";
            row.reason = "customer " + breach.getCustomerId() + " has no subscription for product " + breach.getProduct()
                    + ": no credit";
        } else {
            Subscription s = subscription.get();
            policy = policies.current(s.policyId());
            data.put("subscriptionId", s.id());
            Optional<CreditPolicy.SupportBreachRule> rule = policy.supportBreachRule(breach.getCustomerTier(),
                    breach.getPriority(), breach.getTarget());
            if (rule.isEmpty()) {
                decision = "NO_CREDIT";
                row.reason = "policy " + policy.id() + " v" + policy.version() + " grants nothing for a "
                        + breach.getCustomerTier() + " " + breach.getPriority() + " " + breach.getTarget() + " breach";
            } else {
                Money earned = CreditCalculator.supportBreach(policy, rule.get(), s.monthlyFee());
                String arithmetic = breach.getCustomerTier() + " " + breach.getPriority() + " " + breach.getTarget()
                        + " breach (" + breach.getActualSeconds() + " s against " + breach.getTargetSeconds() + " s): "
                        + rule.get().percent().toPlainString() + "% x " + s.monthlyFee() + " = " + earned;
                Optional<CreditRow> credit = credits.credit(s, BillingMonth.containing(breach.getBreachedAt(), s.billingZone()),
                        new OneOffCredits.Grant("SUPPORT_SLA_BREACH", "sla-breach:" + breach.getTicketId() + ":"
                                + breach.getTarget(), earned, arithmetic, breach.getTicketId(), null, null));
                if (credit.isPresent()) {
                    decision = "CREDIT_ISSUED";
                    row.creditId = credit.get().id;
                    row.reason = credit.get().arithmetic;
                } else {
                    decision = "NO_CREDIT";
                    row.reason = arithmetic + "; the month's cap is reached: no credit";
                }
            }
        }
        audit.record(new AuditTrail.Entry(actor, "support-sla-breach", "sla-breach", breach.getTicketId() + "@" + breach.getTarget(),
                breach.getCustomerId(), decision, row.reason, policy == null ? null : policy.id(),
                policy == null ? null : policy.version(), data));
        return row;
    }

    /** The customer's subscription for the ticket's product, preferring the ticket's region; the lowest id decides a tie. */
    private Optional<Subscription> subscriptionFor(SlaBreached breach) {
        if (breach.getProduct() == null) {
            return Optional.empty();
        }
        List<SubscriptionRow> rows = SubscriptionRow.list("customerId = ?1 and product = ?2", breach.getCustomerId(), breach.getProduct());
        return rows.stream()
                .sorted(Comparator.comparing((SubscriptionRow r) -> !r.region.equals(breach.getRegion())).thenComparing(r -> r.id))
                .findFirst().map(SubscriptionRow::toDomain);
    }
}
