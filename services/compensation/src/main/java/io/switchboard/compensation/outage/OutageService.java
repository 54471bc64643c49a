package io.switchboard.compensation.outage;

import io.switchboard.compensation.audit.AuditTrail;
import io.switchboard.compensation.domain.Period;
import io.switchboard.compensation.domain.Subscription;
import io.switchboard.compensation.ledger.AvailabilityLedger;
import io.switchboard.compensation.subscription.SubscriptionRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Records outages as reported, ended and corrected, from the inbound topic and from operators alike, and has the
 * ledger settle the months an ended or corrected outage touches.
 */
@ApplicationScoped
public class OutageService {

    /** Outages further than this from a settled period cannot touch its billing months. */
    private static final Duration MONTH_REACH = Duration.ofDays(32);

    private final EntityManager em;
    private final AvailabilityLedger ledger;
    private final AuditTrail audit;
    private final Clock clock;

    OutageService(EntityManager em, AvailabilityLedger ledger, AuditTrail audit, Clock clock) {
        this.em = em;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    /** What recording a change did. */
    public record Outcome(OutageRow outage, boolean changed, AvailabilityLedger.Result settled) {
    }

    /** An outage began: recorded as open; nothing is settled until it ends. A repeated report changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome report(OutageChange change) {
        lock(change.outageId());
        OutageRow row = em.find(OutageRow.class, change.outageId(), LockModeType.PESSIMISTIC_WRITE);
        if (row != null) {
            return new Outcome(row, false, new AvailabilityLedger.Result(0, 0, 0));
        }
        row = newRow(change);
        row.persist();
        auditChange(row, change, "REPORTED", "outage reported open");
        return new Outcome(row, true, new AvailabilityLedger.Result(0, 0, 0));
    }

    /**
     * An outage ended (or was declared with its end): its period is settled. Ending one that already ended with other
     * times is a correction; with the same times, a repeat that settles to nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome end(OutageChange change) {
        lock(change.outageId());
        OutageRow row = em.find(OutageRow.class, change.outageId(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = newRow(change);
            row.persist();
            auditChange(row, change, "ENDED", "outage ended");
            return new Outcome(row, true, settle(row, List.of(), change));
        }
        if (row.endedAt == null) {
            Snapshot before = Snapshot.of(row);
            apply(row, change);
            auditChange(row, change, "ENDED", "outage ended");
            return new Outcome(row, true, settle(row, before.scopeOnly(), change));
        }
        return correct(change);
    }

    /**
     * An outage's times (or scope) were wrong: recorded as a new revision, and every month the old or the new period
     * touches is settled again, which issues adjustments. A correction equal to what is recorded changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome correct(OutageChange change) {
        lock(change.outageId());
        OutageRow row = em.find(OutageRow.class, change.outageId(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = newRow(change);
            row.persist();
            auditChange(row, change, "ENDED", "outage first known by its correction");
            return new Outcome(row, true, row.endedAt == null ? new AvailabilityLedger.Result(0, 0, 0) : settle(row, List.of(), change));
        }
        Snapshot before = Snapshot.of(row);
        if (before.sameAs(change)) {
            // A repeat: settling again finds nothing more due, and proves it in the audit trail.
            return new Outcome(row, false, row.endedAt == null ? new AvailabilityLedger.Result(0, 0, 0)
                    : settle(row, List.of(before), change));
        }
        apply(row, change);
        row.revision++;
        auditChange(row, change, "CORRECTED", "outage corrected from " + before.startedAt + ".." + before.endedAt
                + " to " + row.startedAt + ".." + row.endedAt + (change.reason() == null ? "" : ": " + change.reason()));
        return new Outcome(row, true, settle(row, List.of(before), change));
    }

    private AvailabilityLedger.Result settle(OutageRow row, List<Snapshot> before, OutageChange change) {
        List<Period> periods = new ArrayList<>();
        row.period().ifPresent(periods::add);
        before.stream().filter(b -> b.endedAt != null).forEach(b -> periods.add(new Period(b.startedAt, b.endedAt)));
        if (periods.isEmpty()) {
            return new AvailabilityLedger.Result(0, 0, 0);
        }
        em.flush();
        Instant from = periods.stream().map(Period::from).min(Instant::compareTo).orElseThrow().minus(MONTH_REACH);
        Instant until = periods.stream().map(Period::until).max(Instant::compareTo).orElseThrow().plus(MONTH_REACH);
        Map<String, Subscription> affected = new LinkedHashMap<>();
        List<Snapshot> scopes = new ArrayList<>(before);
        scopes.add(Snapshot.of(row));
        Set<List<String>> cells = new java.util.LinkedHashSet<>();
        scopes.forEach(s -> cells.add(List.of(s.product, s.region)));
        for (List<String> cell : cells) {
            // Read-only: a settlement never changes them, and the flushes of a large cell need not dirty-check them.
            List<SubscriptionRow> subs = SubscriptionRow.<SubscriptionRow>find("product = ?1 and region = ?2 order by id", cell.get(0), cell.get(1))
                    .withHint(HibernateHints.HINT_READ_ONLY, true).list();
            for (SubscriptionRow sub : subs) {
                Subscription s = sub.toDomain();
                if (scopes.stream().anyMatch(sc -> sc.affects(s))) {
                    affected.put(s.id(), s);
                }
            }
        }
        String reason = (row.revision > 0 ? "outage " + row.id + " corrected (revision " + row.revision + ")"
                : "outage " + row.id + " ended") + (change.reason() == null ? "" : ": " + change.reason());
        return ledger.settle(List.copyOf(affected.values()), ended(cells, from, until),
                AvailabilityLedger.Cause.outage(row.id, row.revision, periods, change.actor(), reason));
    }

    /**
     * Settles again the months {@code cause}'s periods touch of {@code subscriptions}, whose terms changed, from every
     * ended outage of their (new) product and region: each month's difference from what was credited is an adjustment.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AvailabilityLedger.Result resettle(List<Subscription> subscriptions, AvailabilityLedger.Cause cause) {
        em.flush();
        Instant from = cause.periods().stream().map(Period::from).min(Instant::compareTo).orElseThrow().minus(MONTH_REACH);
        Instant until = cause.periods().stream().map(Period::until).max(Instant::compareTo).orElseThrow().plus(MONTH_REACH);
        Map<List<String>, List<Subscription>> cells = new LinkedHashMap<>();
        subscriptions.forEach(s -> cells.computeIfAbsent(List.of(s.product(), s.region()), k -> new ArrayList<>()).add(s));
        int months = 0;
        int credits = 0;
        int adjustments = 0;
        for (Map.Entry<List<String>, List<Subscription>> cell : cells.entrySet()) {
            AvailabilityLedger.Result r = ledger.settle(cell.getValue(), ended(Set.of(cell.getKey()), from, until), cause);
            months += r.monthsSettled();
            credits += r.credits();
            adjustments += r.adjustments();
        }
        return new AvailabilityLedger.Result(months, credits, adjustments);
    }

    /** Reads the ended outages of these product/region cells that overlap {@code from..until} (when the ledger asks). */
    private AvailabilityLedger.OutageReader ended(Set<List<String>> cells, Instant from, Instant until) {
        Object[] products = cells.stream().map(c -> c.get(0)).distinct().toArray();
        Object[] regions = cells.stream().map(c -> c.get(1)).distinct().toArray();
        return () -> {
            List<OutageRow> outages = new ArrayList<>();
            em.unwrap(Session.class).doWork(c -> outages.addAll(OutageRow.ended(c, products, regions, from, until)));
            return outages;
        };
    }

    /**
     * Serializes changes of one outage, its first report included (a row lock cannot cover a row not yet there): a
     * transaction-scoped advisory lock on the outage id.
     */
    private void lock(String outageId) {
        em.createNativeQuery("select pg_advisory_xact_lock(1041, hashtext(?1))").setParameter(1, outageId).getSingleResult();
    }

    private OutageRow newRow(OutageChange change) {
        OutageRow row = new OutageRow();
        row.id = change.outageId();
        row.revision = 0;
        apply(row, change);
        return row;
    }

    private void apply(OutageRow row, OutageChange change) {
        row.product = change.product();
        row.region = change.region();
        row.customerIds = new ArrayList<>(change.customerIds());
        if (change.resourceIds() != null || row.resourceIds == null) {
            row.resourceIds = new ArrayList<>(change.resourceIds() == null ? List.of() : change.resourceIds());
        }
        if (change.summary() != null) {
            row.summary = change.summary();
        }
        row.startedAt = change.startedAt();
        row.endedAt = change.endedAt();
        row.updatedAt = clock.instant();
        row.updatedBy = change.actor();
    }

    private void auditChange(OutageRow row, OutageChange change, String decision, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("product", row.product);
        data.put("region", row.region);
        data.put("customerIds", row.customerIds);
        data.put("resourceIds", row.resourceIds);
        data.put("startedAt", String.valueOf(row.startedAt));
        data.put("endedAt", String.valueOf(row.endedAt));
        data.put("revision", row.revision);
        audit.record(new AuditTrail.Entry(change.actor(), "record-outage", "outage", row.id, null, decision, reason,
                null, null, data));
    }

    /** An outage's scope and times before a change. */
    private record Snapshot(String product, String region, Set<String> customerIds, Set<String> resourceIds,
                            Instant startedAt, Instant endedAt) {

        static Snapshot of(OutageRow row) {
            return new Snapshot(row.product, row.region, Set.copyOf(row.customerIds), Set.copyOf(row.resourceIds),
                    row.startedAt, row.endedAt);
        }

        List<Snapshot> scopeOnly() {
            return List.of(new Snapshot(product, region, customerIds, resourceIds, startedAt, null));
        }

        boolean affects(Subscription s) {
            return new io.switchboard.compensation.domain.OutageScope(product, region, customerIds, resourceIds)
                    .affects(s.customerId(), s.product(), s.region(), s.resourceIds());
        }

        boolean sameAs(OutageChange c) {
            return product.equals(c.product()) && region.equals(c.region()) && customerIds.equals(Set.copyOf(c.customerIds()))
                    && (c.resourceIds() == null || resourceIds.equals(Set.copyOf(c.resourceIds()))) && startedAt.equals(c.startedAt())
                    && Objects.equals(endedAt, c.endedAt());
        }
    }
}
