package io.switchboard.compensation.statement;

import io.switchboard.compensation.config.PolicyCatalog;
import io.switchboard.compensation.domain.BillingMonth;
import io.switchboard.compensation.domain.CreditCalculator;
import io.switchboard.compensation.domain.CreditPolicy;
import io.switchboard.compensation.domain.MonthlyAvailability;
import io.switchboard.compensation.domain.Subscription;
import io.switchboard.compensation.ledger.AvailabilityLedger;
import io.switchboard.compensation.ledger.CreditRow;
import io.switchboard.compensation.ledger.LedgerMonthRow;
import io.switchboard.compensation.outage.OutageRow;
import io.switchboard.compensation.subscription.SubscriptionRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A customer's statement for a month: per subscription, the availability achieved, each outage counted, the
 * policy version and the arithmetic behind every credit, so that the customer can check it by hand.
 */
@ApplicationScoped
public class Statements {

    private final EntityManager em;
    private final PolicyCatalog policies;

    Statements(EntityManager em, PolicyCatalog policies) {
        this.em = em;
        this.policies = policies;
    }

    @Transactional
    public Map<String, Object> statement(String customerId, YearMonth month) {
        List<SubscriptionRow> subs = SubscriptionRow.list("customerId = ?1 order by id", customerId);
        List<Map<String, Object>> lines = new ArrayList<>();
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (SubscriptionRow row : subs) {
            Subscription s = row.toDomain();
            BillingMonth billingMonth = new BillingMonth(month, s.billingZone());
            List<OutageRow> outages = em.createQuery("from OutageRow where product = :product and region = :region "
                            + "and endedAt is not null and startedAt < :end and endedAt > :start order by startedAt, id", OutageRow.class)
                    .setParameter("product", s.product()).setParameter("region", s.region())
                    .setParameter("start", billingMonth.start()).setParameter("end", billingMonth.end()).getResultList();
            MonthlyAvailability availability = MonthlyAvailability.of(billingMonth, AvailabilityLedger.affecting(s, outages));
            LedgerMonthRow ledger = em.find(LedgerMonthRow.class, new LedgerMonthRow.Key(s.id(), billingMonth.firstDay()));
            CreditPolicy policy = ledger == null ? policies.current(s.policyId())
                    : policies.version(ledger.policyId, ledger.policyVersion).orElse(policies.current(s.policyId()));
            CreditCalculator.Entitlement entitlement = CreditCalculator.forMonth(policy, s.monthlyFee(), s.commitment(), availability);
            List<CreditRow> credits = CreditRow.list("subscriptionId = ?1 and billingMonth = ?2 order by issuedAt, id",
                    s.id(), billingMonth.firstDay());
            BigDecimal credited = credits.stream().map(c -> c.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            totals.merge(s.monthlyFee().currency().getCurrencyCode(), credited, BigDecimal::add);

            Map<String, Object> line = new LinkedHashMap<>();
            line.put("subscriptionId", s.id());
            line.put("product", s.product());
            line.put("region", s.region());
            line.put("monthlyFee", s.monthlyFee().amount().toPlainString());
            line.put("currency", s.monthlyFee().currency().getCurrencyCode());
            line.put("commitmentPercent", s.commitment().stripTrailingZeros().toPlainString());
            line.put("billingTimeZone", s.billingZone().getId());
            line.put("monthStart", billingMonth.start().toString());
            line.put("monthEnd", billingMonth.end().toString());
            line.put("monthMinutes", availability.monthMinutes());
            line.put("unavailableMinutes", availability.unavailableMinutes());
            line.put("availabilityPercent", availability.percent(4).toPlainString());
            List<Map<String, Object>> counted = AvailabilityLedger.counted(availability);
            for (Map<String, Object> o : counted) {
                o.put("evidenceTickets", evidence(customerId, s.product(), Instant.parse((String) o.get("from")),
                        Instant.parse((String) o.get("until"))));
            }
            line.put("outages", counted);
            line.put("unavailablePeriodsMerged", availability.unavailable().stream()
                    .map(p -> Map.of("from", p.from().toString(), "until", p.until().toString())).toList());
            line.put("policy", Map.of("id", policy.id(), "version", policy.version(), "spec", policy.toSpec()));
            line.put("entitlement", entitlement.amount().amount().toPlainString());
            line.put("entitlementArithmetic", entitlement.arithmetic());
            line.put("cap", CreditCalculator.cap(policy, s.monthlyFee()).amount().toPlainString());
            line.put("credits", credits.stream().map(Statements::credit).toList());
            line.put("totalCredited", credited.toPlainString());
            lines.add(line);
        }
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("customerId", customerId);
        statement.put("month", month.toString());
        statement.put("subscriptions", lines);
        Map<String, String> shownTotals = new TreeMap<>();
        totals.forEach((c, v) -> shownTotals.put(c, v.toPlainString()));
        statement.put("totalCredited", shownTotals);
        return statement;
    }

    private static Map<String, Object> credit(CreditRow c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("creditId", c.id);
        m.put("kind", c.kind);
        m.put("basis", c.basis);
        m.put("amount", c.amount.toPlainString());
        m.put("currency", c.currency);
        m.put("form", c.form);
        m.put("outageId", c.outageId);
        m.put("ticketId", c.ticketId);
        m.put("claimId", c.claimId);
        m.put("policyId", c.policyId);
        m.put("policyVersion", c.policyVersion);
        m.put("arithmetic", c.arithmetic);
        m.put("issuedAt", c.issuedAt.toString());
        return m;
    }

    /** The customer's tickets for the product opened while the outage ran (or within a day after it ended). */
    @SuppressWarnings("unchecked")
    private List<String> evidence(String customerId, String product, Instant from, Instant until) {
        return em.createNativeQuery("select ticket_id from customer_ticket where customer_id = ?1 and (product = ?2 or product is null) "
                        + "and opened_at >= ?3 and opened_at < ?4 order by opened_at limit 50")
                .setParameter(1, customerId).setParameter(2, product).setParameter(3, java.sql.Timestamp.from(from))
                .setParameter(4, java.sql.Timestamp.from(until.plus(java.time.Duration.ofDays(1)))).getResultList();
    }
}
