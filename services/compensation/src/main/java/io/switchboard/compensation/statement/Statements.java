package io.switchboard.compensation.statement;

import io.switchboard.compensation.config.PolicyCatalog;
import io.switchboard.compensation.domain.BillingMonth;
import io.switchboard.compensation.domain.CreditCalculator;
import io.switchboard.compensation.domain.CreditPolicy;
import io.switchboard.compensation.domain.MonthlyAvailability;
import io.switchboard.compensation.domain.Period;
import io.switchboard.compensation.domain.Subscription;
import io.switchboard.compensation.ledger.AvailabilityLedger;
import io.switchboard.compensation.ledger.CreditRow;
import io.switchboard.compensation.outage.OutageRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import io.switchboard.compensation.domain.Money;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Currency;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A customer's statement for a month: per subscription, the availability achieved, each outage counted, the
 * policy version and the arithmetic behind every credit, so that the customer can check it by hand.
 *
 * <p>Statements are computed for a set of customers at once, from one read of each table (subscriptions, ledger
 * months, credits, the outages of their products and regions, tickets as evidence): a single statement is the set of
 * one, and the month's run over every customer reads page by page instead of customer by customer.
 */
@ApplicationScoped
public class Statements {

    /** Tickets opened up to this long after an outage ended still count as its evidence. */
    private static final Duration EVIDENCE_AFTER = Duration.ofDays(1);
    private static final int EVIDENCE_LIMIT = 50;

    private final EntityManager em;
    private final PolicyCatalog policies;

    Statements(EntityManager em, PolicyCatalog policies) {
        this.em = em;
        this.policies = policies;
    }

    @Transactional
    public Map<String, Object> statement(String customerId, YearMonth month) {
        return statements(List.of(customerId), month).get(0);
    }

    /** A page of the month's statements: every customer with a subscription, in customer id order, after {@code after}. */
    public record Page(List<Map<String, Object>> statements, String next) {
    }

    @Transactional
    public Page page(YearMonth month, String after, int limit) {
        @SuppressWarnings("unchecked")
        List<String> customers = em.createNativeQuery("select distinct customer_id from subscription where customer_id > ?1 "
                + "order by customer_id limit ?2").setParameter(1, after == null ? "" : after).setParameter(2, limit).getResultList();
        return new Page(customers.isEmpty() ? List.of() : statements(customers, month),
                customers.size() < limit ? null : customers.get(customers.size() - 1));
    }

    /** The statements of {@code customers} (in that order) for {@code month}. */
    private List<Map<String, Object>> statements(List<String> customers, YearMonth month) {
        LocalDate firstDay = month.atDay(1);
        // Plain JDBC, one query per table: the page's rows are only read, so no entity needs managing.
        Session session = em.unwrap(Session.class);
        List<Subscription> subs = new ArrayList<>();
        session.doWork(c -> {
            try (PreparedStatement q = c.prepareStatement("select id, customer_id, product, region, cast(resource_ids as text), "
                    + "monthly_fee, currency, commitment, billing_zone, policy_id from subscription where customer_id = any(?) "
                    + "order by customer_id, id")) {
                q.setArray(1, c.createArrayOf("varchar", customers.toArray()));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        subs.add(new Subscription(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Set.copyOf(OutageRow.strings(rs.getString(5))), new Money(rs.getBigDecimal(6), Currency.getInstance(rs.getString(7))),
                                rs.getBigDecimal(8), ZoneId.of(rs.getString(9)), rs.getString(10)));
                    }
                }
            }
        });
        Map<String, List<Subscription>> byCustomer = subs.stream().collect(Collectors.groupingBy(Subscription::customerId));
        if (subs.isEmpty()) {
            return customers.stream().map(c -> statement(c, month, List.of(), MonthData.EMPTY)).toList();
        }
        Object[] ids = subs.stream().map(Subscription::id).toArray();

        Map<String, Object[]> ledgerPolicy = new HashMap<>();
        Map<String, List<CreditRow>> credits = new HashMap<>();
        session.doWork(c -> {
            try (PreparedStatement q = c.prepareStatement("select subscription_id, policy_id, policy_version, monthly_fee, commitment "
                    + "from ledger_month where subscription_id = any(?) and billing_month = ?")) {
                q.setArray(1, c.createArrayOf("varchar", ids));
                q.setDate(2, java.sql.Date.valueOf(firstDay));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        ledgerPolicy.put(rs.getString(1), new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3),
                                rs.getBigDecimal(4), rs.getBigDecimal(5)});
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("select id, subscription_id, kind, basis, amount, currency, form, outage_id, "
                    + "ticket_id, claim_id, policy_id, policy_version, arithmetic, issued_at from credit where subscription_id = any(?) "
                    + "and billing_month = ? order by issued_at, id")) {
                q.setArray(1, c.createArrayOf("varchar", ids));
                q.setDate(2, java.sql.Date.valueOf(firstDay));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        CreditRow r = new CreditRow();
                        r.id = rs.getString(1);
                        r.subscriptionId = rs.getString(2);
                        r.kind = rs.getString(3);
                        r.basis = rs.getString(4);
                        r.amount = rs.getBigDecimal(5);
                        r.currency = rs.getString(6);
                        r.form = rs.getString(7);
                        r.outageId = rs.getString(8);
                        r.ticketId = rs.getString(9);
                        r.claimId = rs.getString(10);
                        r.policyId = rs.getString(11);
                        r.policyVersion = rs.getInt(12);
                        r.arithmetic = rs.getString(13);
                        r.issuedAt = rs.getTimestamp(14).toInstant();
                        credits.computeIfAbsent(r.subscriptionId, k -> new ArrayList<>()).add(r);
                    }
                }
            }
        });

        // The outages of the page's products and regions that ended within reach of any of its billing months.
        Instant start = subs.stream().map(s -> new BillingMonth(month, s.billingZone()).start()).min(Comparator.naturalOrder()).orElseThrow();
        Instant end = subs.stream().map(s -> new BillingMonth(month, s.billingZone()).end()).max(Comparator.naturalOrder()).orElseThrow();
        Object[] products = subs.stream().map(Subscription::product).distinct().toArray();
        Object[] regions = subs.stream().map(Subscription::region).distinct().toArray();
        Map<List<String>, List<OutageRow>> outagesByCell = new HashMap<>();
        session.doWork(c -> OutageRow.ended(c, products, regions, start, end)
                .forEach(o -> outagesByCell.computeIfAbsent(List.of(o.product, o.region), k -> new ArrayList<>()).add(o)));

        Map<String, List<Ticket>> tickets = new HashMap<>();
        if (!outagesByCell.isEmpty()) {
            Instant from = outagesByCell.values().stream().flatMap(List::stream).map(o -> o.startedAt).min(Comparator.naturalOrder()).orElseThrow();
            Instant until = outagesByCell.values().stream().flatMap(List::stream).map(o -> o.endedAt).max(Comparator.naturalOrder()).orElseThrow();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select customer_id, product, ticket_id, opened_at from customer_ticket "
                            + "where customer_id in (?1) and opened_at >= ?2 and opened_at < ?3 order by opened_at, ticket_id")
                    .setParameter(1, customers).setParameter(2, Timestamp.from(from))
                    .setParameter(3, Timestamp.from(until.plus(EVIDENCE_AFTER))).getResultList();
            for (Object[] r : rows) {
                Instant openedAt = r[3] instanceof Timestamp t ? t.toInstant() : (Instant) r[3];
                tickets.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new Ticket((String) r[1], (String) r[2], openedAt));
            }
        }

        // The policies' views, shared by the page's statements (the catalog hands out one instance per version).
        MonthData data = new MonthData(ledgerPolicy, credits, outagesByCell, tickets, new java.util.IdentityHashMap<>(),
                new HashMap<>());
        return customers.stream().map(c -> statement(c, month, byCustomer.getOrDefault(c, List.of()), data)).toList();
    }

    /** A customer's ticket, as evidence. */
    private record Ticket(String product, String ticketId, Instant openedAt) {
    }

    /** What the statements of a page are computed from. */
    private record MonthData(Map<String, Object[]> ledgerPolicy, Map<String, List<CreditRow>> credits,
                             Map<List<String>, List<OutageRow>> outagesByCell, Map<String, List<Ticket>> tickets,
                             Map<CreditPolicy, Map<String, Object>> policyViews, Map<Instant, String> instants) {
        static final MonthData EMPTY = new MonthData(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    private Map<String, Object> statement(String customerId, YearMonth month, List<Subscription> subs, MonthData data) {
        List<Map<String, Object>> lines = new ArrayList<>();
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (Subscription current : subs) {
            Object[] ledger = data.ledgerPolicy().get(current.id());
            // A settled month shows the fee and commitment it was settled with: terms changed after a month closed
            // do not change its credits, so its arithmetic stays the one that was paid.
            Subscription s = ledger == null || ledger[3] == null ? current : new Subscription(current.id(), current.customerId(),
                    current.product(), current.region(), current.resourceIds(),
                    new Money((BigDecimal) ledger[3], current.monthlyFee().currency()),
                    (BigDecimal) ledger[4], current.billingZone(), current.policyId());
            BillingMonth billingMonth = new BillingMonth(month, s.billingZone());
            List<OutageRow> outages = data.outagesByCell().getOrDefault(List.of(s.product(), s.region()), List.of()).stream()
                    .filter(o -> o.startedAt.isBefore(billingMonth.end()) && o.endedAt.isAfter(billingMonth.start())).toList();
            MonthlyAvailability availability = MonthlyAvailability.of(billingMonth, AvailabilityLedger.affecting(s, outages));
            CreditPolicy policy = ledger == null ? policies.current(s.policyId())
                    : policies.version((String) ledger[1], (Integer) ledger[2]).orElse(policies.current(s.policyId()));
            CreditCalculator.Entitlement entitlement = CreditCalculator.forMonth(policy, s.monthlyFee(), s.commitment(), availability);
            List<CreditRow> credits = data.credits().getOrDefault(s.id(), List.of());
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
            List<Map<String, Object>> counted = AvailabilityLedger.counted(availability, data.instants());
            for (int i = 0; i < counted.size(); i++) {
                Period whole = availability.outages().get(i).period();
                counted.get(i).put("evidenceTickets", evidence(data.tickets().getOrDefault(customerId, List.of()), s.product(),
                        whole.from(), whole.until()));
            }
            line.put("outages", counted);
            line.put("unavailablePeriodsMerged", availability.unavailable().stream()
                    .map(p -> Map.of("from", p.from().toString(), "until", p.until().toString())).toList());
            line.put("policy", data.policyViews().computeIfAbsent(policy,
                    p -> Map.of("id", p.id(), "version", p.version(), "spec", p.toSpec())));
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

    /** The customer's tickets for the product (or for none) opened while the outage ran or within a day after it ended. */
    private static List<String> evidence(List<Ticket> tickets, String product, Instant from, Instant until) {
        Instant to = until.plus(EVIDENCE_AFTER);
        return tickets.stream().filter(t -> (t.product() == null || t.product().equals(product))
                        && !t.openedAt().isBefore(from) && t.openedAt().isBefore(to))
                .limit(EVIDENCE_LIMIT).map(Ticket::ticketId).toList();
    }

}
