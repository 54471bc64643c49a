package io.switchboard.compensation.ledger;

import com.fasterxml.jackson.databind.util.RawValue;
import io.switchboard.compensation.audit.AuditTrail;
import io.switchboard.compensation.config.PolicyCatalog;
import io.switchboard.compensation.domain.BillingMonth;
import io.switchboard.compensation.domain.CreditCalculator;
import io.switchboard.compensation.domain.CreditLedger;
import io.switchboard.compensation.domain.CreditPolicy;
import io.switchboard.compensation.domain.Money;
import io.switchboard.compensation.domain.MonthlyAvailability;
import io.switchboard.compensation.domain.Period;
import io.switchboard.compensation.domain.Subscription;
import io.switchboard.compensation.outage.OutageRow;
import io.switchboard.contracts.Topic;
import io.switchboard.eventing.postgres.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settles subscriptions' months after an outage changed: recomputes each month's availability from every
 * ended outage that affects the subscription, and credits only the difference from what was credited. The
 * ledger row of the month is locked meanwhile, and the credit's cause (outage and revision) is unique per
 * subscription month, so the same unavailable period is never compensated twice.
 */
@ApplicationScoped
public class AvailabilityLedger {

    private static final int CHUNK = 1_000;
    private static final Comparator<LedgerMonthRow.Key> LEDGER_ORDER =
            Comparator.<LedgerMonthRow.Key, String>comparing(k -> k.subscriptionId).thenComparing(k -> k.billingMonth);

    private final EntityManager em;
    private final PolicyCatalog policies;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    AvailabilityLedger(EntityManager em, PolicyCatalog policies, Outbox outbox, AuditTrail audit, Clock clock) {
        this.em = em;
        this.policies = policies;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What changed: the credit cause it settles under (unique per subscription month), the outage if an outage
     * changed, whether a difference is an adjustment (a correction, a change of terms) rather than a credit, the
     * periods whose months are to be settled (old and new ones for a correction), who acted and why.
     */
    public record Cause(String key, String outageId, boolean correction, List<Period> periods, String actor, String reason) {

        /** An outage ended ({@code revision} 0) or was corrected (one more per correction). */
        public static Cause outage(String outageId, int revision, List<Period> periods, String actor, String reason) {
            return new Cause("outage:" + outageId + ":r" + revision, outageId, revision > 0, periods, actor, reason);
        }

        /** A subscription's terms changed through the billing sync at {@code at}: its open months are recomputed. */
        public static Cause termsChange(Instant at, List<Period> periods, String actor, String reason) {
            return new Cause("terms:" + at, null, true, periods, actor, reason);
        }
    }

    /**
     * Reads the outages a settlement counts (every ended outage of the subscriptions' products and regions in reach).
     * Called once the chunk's ledger months are locked: a settlement that held them has committed, so the outage it
     * ended or corrected is seen, and the month is computed from every outage credited so far.
     */
    @FunctionalInterface
    public interface OutageReader {
        List<OutageRow> read();
    }

    /** The months settled, credits and adjustments made. */
    public record Result(int monthsSettled, int credits, int adjustments) {
    }

    /**
     * Settles every month that {@code cause}'s periods touch for each of {@code subscriptions}, from
     * {@code outages}: every ended outage of their product and region (the scope is checked per subscription), read
     * after each chunk's months are locked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Result settle(List<Subscription> subscriptions, OutageReader outages, Cause cause) {
        int months = 0;
        int credits = 0;
        int adjustments = 0;
        for (int from = 0; from < subscriptions.size(); from += CHUNK) {
            Result r = settleChunk(subscriptions.subList(from, Math.min(subscriptions.size(), from + CHUNK)), outages, cause);
            months += r.monthsSettled();
            credits += r.credits();
            adjustments += r.adjustments();
        }
        return new Result(months, credits, adjustments);
    }

    private Result settleChunk(List<Subscription> subscriptions, OutageReader reader, Cause cause) {
        Instant now = clock.instant();
        // In one order for every settlement, so that two of them (concurrent channel copies, two instances) creating
        // and locking the same months wait for each other instead of deadlocking.
        Map<LedgerMonthRow.Key, Subscription> pairs = new TreeMap<>(LEDGER_ORDER);
        Map<LedgerMonthRow.Key, BillingMonth> monthOf = new HashMap<>();
        for (Subscription s : subscriptions) {
            for (Period p : cause.periods()) {
                for (BillingMonth m : BillingMonth.touchedBy(p, s.billingZone())) {
                    LedgerMonthRow.Key key = new LedgerMonthRow.Key(s.id(), m.firstDay());
                    pairs.put(key, s);
                    monthOf.put(key, m);
                }
            }
        }
        if (pairs.isEmpty()) {
            return new Result(0, 0, 0);
        }
        Map<LedgerMonthRow.Key, Balance> rows = lockMonths(pairs, monthOf, now);
        List<OutageRow> outages = reader.read();
        Set<LedgerMonthRow.Key> alreadyCaused = causesPresent(pairs.keySet(), cause.key());
        List<CreditRow> newCredits = new ArrayList<>();
        List<LedgerUpdate> ledgerUpdates = new ArrayList<>();

        List<Outbox.Message> events = new ArrayList<>();
        List<AuditTrail.Entry> entries = new ArrayList<>();
        int credits = 0;
        int adjustments = 0;
        Map<List<MonthlyAvailability.CountedOutage>, String> countedJsons = new HashMap<>();
        Map<Instant, String> instants = new HashMap<>();
        for (Map.Entry<LedgerMonthRow.Key, Subscription> pair : pairs.entrySet()) {
            Subscription s = pair.getValue();
            BillingMonth month = monthOf.get(pair.getKey());
            Balance row = rows.get(pair.getKey());
            CreditPolicy policy = policies.current(s.policyId());
            MonthlyAvailability availability = MonthlyAvailability.of(month, affecting(s, outages));
            CreditCalculator.Entitlement entitlement = CreditCalculator.forMonth(policy, s.monthlyFee(), s.commitment(), availability);
            CreditLedger.Settlement settlement = CreditLedger.availability(entitlement.amount(),
                    new Money(row.availabilityCredit, s.monthlyFee().currency()),
                    new Money(row.otherCredit, s.monthlyFee().currency()), CreditCalculator.cap(policy, s.monthlyFee()));
            String arithmetic = entitlement.arithmetic() + "; " + settlement.arithmetic();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("billingMonth", month.month().toString());
            data.put("zone", month.zone().getId());
            data.put("unavailableMinutes", availability.unavailableMinutes());
            data.put("monthMinutes", availability.monthMinutes());
            data.put("availabilityPercent", availability.percent(4));
            // The subscriptions of a chunk mostly count the same outages: their JSON is written once.
            String countedJson = countedJsons.computeIfAbsent(availability.outages(), k -> AuditTrail.json(counted(availability, instants)));
            data.put("outages", new RawValue(countedJson));
            data.put("monthlyFee", s.monthlyFee().toString());
            data.put("commitment", s.commitment());
            data.put("previouslyCredited", row.availabilityCredit);
            String decision;
            if (!settlement.changes()) {
                decision = "NOTHING_MORE_DUE";
            } else if (alreadyCaused.contains(pair.getKey())) {
                // This outage revision was already settled for the month: a replay never credits again.
                decision = "ALREADY_SETTLED";
                arithmetic = arithmetic + "; cause " + cause.key() + " already credited: not credited again";
            } else {
                CreditRow credit = new CreditRow();
                credit.id = java.util.UUID.randomUUID().toString();
                credit.customerId = s.customerId();
                credit.subscriptionId = s.id();
                credit.billingMonth = month.firstDay();
                boolean issue = !cause.correction() && settlement.delta().isPositive();
                credit.kind = issue ? CreditRow.ISSUED : CreditRow.ADJUSTED;
                credit.basis = policy.method() == CreditPolicy.Method.PER_MINUTE ? "PER_MINUTE" : "AVAILABILITY_BAND";
                credit.cause = cause.key();
                credit.amount = settlement.delta().amount();
                credit.currency = s.monthlyFee().currency().getCurrencyCode();
                credit.form = policy.form().name();
                credit.outageId = cause.outageId();
                credit.policyId = policy.id();
                credit.policyVersion = policy.version();
                credit.availability = availability.percent(4);
                credit.arithmetic = arithmetic;
                credit.issuedAt = now;
                newCredits.add(credit);
                if (issue) {
                    Period inMonth = availability.outages().stream().filter(o -> o.outageId().equals(cause.outageId()))
                            .map(MonthlyAvailability.CountedOutage::inMonth).findFirst().orElse(null);
                    events.add(new Outbox.Message(s.customerId(), CreditEvents.issued(credit,
                            inMonth == null ? null : inMonth.from(), inMonth == null ? null : inMonth.until(), null)));
                    credits++;
                    decision = "CREDIT_ISSUED";
                } else {
                    events.add(new Outbox.Message(s.customerId(), CreditEvents.adjusted(credit, settlement.target().amount(),
                            cause.reason())));
                    adjustments++;
                    decision = "CREDIT_ADJUSTED";
                }
                data.put("creditId", credit.id);
                data.put("amount", credit.amount);
                row.availabilityCredit = settlement.target().amount();
            }
            ledgerUpdates.add(new LedgerUpdate(s.id(), month.firstDay(), availability.unavailableMillis(), availability.monthMillis(),
                    availability.percent(4), entitlement.amount().amount(), row.availabilityCredit, policy.id(), policy.version(),
                    arithmetic, countedJson, s.monthlyFee().amount(), s.commitment()));
            entries.add(new AuditTrail.Entry(cause.actor(), "settle-month", "ledger-month", s.id() + "@" + month.month(),
                    s.customerId(), decision, cause.reason() + ": " + arithmetic, policy.id(), policy.version(), data));
        }
        write(newCredits, ledgerUpdates, now);
        if (!events.isEmpty()) {
            outbox.publishAll(Topic.COMPENSATION, events);
        }
        audit.recordAll(entries);
        return new Result(pairs.size(), credits, adjustments);
    }

    /** The outages that affect {@code s} and have ended. */
    public static List<MonthlyAvailability.Outage> affecting(Subscription s, List<OutageRow> outages) {
        List<MonthlyAvailability.Outage> affecting = new ArrayList<>();
        for (OutageRow o : outages) {
            if (o.endedAt != null && o.scope().affects(s.customerId(), s.product(), s.region(), s.resourceIds())) {
                affecting.add(new MonthlyAvailability.Outage(o.id, o.period().orElseThrow()));
            }
        }
        return affecting;
    }

    /**
     * Each outage counted in the month: its whole period, its part in the month and that part's minutes. Instants are
     * written through {@code instants}, a memo shared by the subscriptions of one settlement or statement page (they
     * count the same few outages).
     */
    public static List<Map<String, Object>> counted(MonthlyAvailability availability, Map<Instant, String> instants) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (MonthlyAvailability.CountedOutage o : availability.outages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("outageId", o.outageId());
            m.put("from", instants.computeIfAbsent(o.period().from(), Instant::toString));
            m.put("until", instants.computeIfAbsent(o.period().until(), Instant::toString));
            m.put("inMonthFrom", instants.computeIfAbsent(o.inMonth().from(), Instant::toString));
            m.put("inMonthUntil", instants.computeIfAbsent(o.inMonth().until(), Instant::toString));
            // The part is inside the month already: its minutes are its length.
            m.put("minutesInMonth", MonthlyAvailability.minutes(o.inMonth().length().toMillis()));
            list.add(m);
        }
        return list;
    }

    /**
     * The ledger rows of these months, created when missing (insert ... on conflict do nothing, so two
     * settlements racing for a new month do not fail) and locked for this transaction.
     */
    private Map<LedgerMonthRow.Key, Balance> lockMonths(Map<LedgerMonthRow.Key, Subscription> pairs,
                                                              Map<LedgerMonthRow.Key, BillingMonth> monthOf, Instant now) {
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into ledger_month (subscription_id, billing_month, "
                    + "customer_id, unavailable_ms, month_ms, availability, entitlement, availability_credit, other_credit, currency, "
                    + "policy_id, policy_version, arithmetic, outages, updated_at) values (?, ?, ?, 0, ?, 100, 0, 0, 0, ?, ?, 0, '', "
                    + "'[]'::jsonb, ?) on conflict do nothing")) {
                for (Map.Entry<LedgerMonthRow.Key, Subscription> pair : pairs.entrySet()) {
                    Subscription s = pair.getValue();
                    insert.setString(1, s.id());
                    insert.setDate(2, Date.valueOf(pair.getKey().billingMonth));
                    insert.setString(3, s.customerId());
                    insert.setLong(4, monthOf.get(pair.getKey()).length().toMillis());
                    insert.setString(5, s.monthlyFee().currency().getCurrencyCode());
                    insert.setString(6, s.policyId());
                    insert.setTimestamp(7, Timestamp.from(now));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        Set<String> ids = new HashSet<>();
        Set<LocalDate> firstDays = new HashSet<>();
        pairs.keySet().forEach(k -> {
            ids.add(k.subscriptionId);
            firstDays.add(k.billingMonth);
        });
        Map<LedgerMonthRow.Key, Balance> rows = new HashMap<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select subscription_id, billing_month, availability_credit, "
                    + "other_credit from ledger_month where subscription_id = any(?) and billing_month = any(?) "
                    + "order by subscription_id, billing_month for update")) {
                select.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
                select.setArray(2, connection.createArrayOf("date", firstDays.stream().map(Date::valueOf).toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Balance b = new Balance();
                        b.availabilityCredit = rs.getBigDecimal(3);
                        b.otherCredit = rs.getBigDecimal(4);
                        rows.put(new LedgerMonthRow.Key(rs.getString(1), rs.getDate(2).toLocalDate()), b);
                    }
                }
            }
        });
        return rows;
    }

    /** What a locked ledger month has credited so far. */
    private static final class Balance {
        BigDecimal availabilityCredit;
        BigDecimal otherCredit;
    }

    private static final String INSERT_CREDIT = "insert into credit (id, customer_id, subscription_id, billing_month, kind, basis, "
            + "cause, amount, currency, form, outage_id, ticket_id, claim_id, policy_id, policy_version, availability, arithmetic, "
            + "issued_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** A settled month's new figures. */
    private record LedgerUpdate(String subscriptionId, LocalDate billingMonth, long unavailableMs, long monthMs,
                                BigDecimal availability, BigDecimal entitlement, BigDecimal availabilityCredit, String policyId,
                                int policyVersion, String arithmetic, String outagesJson, BigDecimal monthlyFee, BigDecimal commitment) {
    }

    /** Every settled month of a chunk in one statement: the new figures arrive as arrays, one element per month. */
    private static final String UPDATE_LEDGER = "update ledger_month l set unavailable_ms = v.unavailable_ms, month_ms = v.month_ms, "
            + "availability = v.availability, entitlement = v.entitlement, availability_credit = v.availability_credit, "
            + "policy_id = v.policy_id, policy_version = v.policy_version, arithmetic = v.arithmetic, outages = cast(v.outages as jsonb), "
            + "monthly_fee = v.monthly_fee, commitment = v.commitment, "
            + "updated_at = ? from unnest(?::varchar[], ?::date[], ?::bigint[], ?::bigint[], ?::numeric[], ?::numeric[], ?::numeric[], "
            + "?::varchar[], ?::int[], ?::text[], ?::text[], ?::numeric[], ?::numeric[]) as v(subscription_id, billing_month, unavailable_ms, "
            + "month_ms, availability, entitlement, availability_credit, policy_id, policy_version, arithmetic, outages, monthly_fee, commitment) "
            + "where l.subscription_id = v.subscription_id and l.billing_month = v.billing_month";

    /** The settlement's credits (a JDBC batch, sent as multi-row inserts) and its ledger months (one set-based update). */
    private void write(List<CreditRow> credits, List<LedgerUpdate> ledgerUpdates, Instant now) {
        em.unwrap(Session.class).doWork(connection -> {
            if (!credits.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_CREDIT)) {
                    for (CreditRow c : credits) {
                        Object[] values = {c.id, c.customerId, c.subscriptionId, Date.valueOf(c.billingMonth), c.kind, c.basis, c.cause,
                                c.amount, c.currency, c.form, c.outageId, c.ticketId, c.claimId, c.policyId, c.policyVersion,
                                c.availability, c.arithmetic, Timestamp.from(c.issuedAt)};
                        for (int i = 0; i < values.length; i++) {
                            if (values[i] == null) {
                                insert.setNull(i + 1, java.sql.Types.NULL);
                            } else {
                                insert.setObject(i + 1, values[i]);
                            }
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            if (ledgerUpdates.isEmpty()) {
                return;
            }
            int n = ledgerUpdates.size();
            Object[][] columns = new Object[13][n];
            for (int i = 0; i < n; i++) {
                LedgerUpdate u = ledgerUpdates.get(i);
                Object[] row = {u.subscriptionId(), Date.valueOf(u.billingMonth()), u.unavailableMs(), u.monthMs(), u.availability(),
                        u.entitlement(), u.availabilityCredit(), u.policyId(), u.policyVersion(), u.arithmetic(), u.outagesJson(),
                        u.monthlyFee(), u.commitment()};
                for (int c = 0; c < row.length; c++) {
                    columns[c][i] = row[c];
                }
            }
            String[] types = {"varchar", "date", "int8", "int8", "numeric", "numeric", "numeric", "varchar", "int4", "text", "text", "numeric", "numeric"};
            try (PreparedStatement update = connection.prepareStatement(UPDATE_LEDGER)) {
                update.setTimestamp(1, Timestamp.from(now));
                for (int c = 0; c < types.length; c++) {
                    update.setArray(c + 2, connection.createArrayOf(types[c], columns[c]));
                }
                int updated = update.executeUpdate();
                if (updated != n) {
                    throw new IllegalStateException("settled " + n + " ledger months but updated " + updated);
                }
            }
        });
    }

    private Set<LedgerMonthRow.Key> causesPresent(Set<LedgerMonthRow.Key> keys, String cause) {
        Set<String> ids = new HashSet<>();
        keys.forEach(k -> ids.add(k.subscriptionId));
        Set<LedgerMonthRow.Key> present = new HashSet<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select subscription_id, billing_month from credit where cause = ? and subscription_id = any(?)")) {
                select.setString(1, cause);
                select.setArray(2, connection.createArrayOf("varchar", ids.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        present.add(new LedgerMonthRow.Key(rs.getString(1), rs.getDate(2).toLocalDate()));
                    }
                }
            }
        });
        return present;
    }

    /** The month's ledger row locked for this transaction, created when missing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerMonthRow lockMonth(Subscription s, BillingMonth month) {
        LedgerMonthRow.Key key = new LedgerMonthRow.Key(s.id(), month.firstDay());
        lockMonths(Map.of(key, s), Map.of(key, month), clock.instant());
        em.flush();
        return em.find(LedgerMonthRow.class, key);
    }
}
