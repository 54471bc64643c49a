package io.switchboard.compensation.subscription;

import io.switchboard.compensation.audit.AuditTrail;
import io.switchboard.compensation.config.PolicyCatalog;
import io.switchboard.compensation.config.CompensationConfig;
import io.switchboard.compensation.domain.BillingMonth;
import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.compensation.domain.Period;
import io.switchboard.compensation.ledger.AvailabilityLedger;
import io.switchboard.compensation.outage.OutageService;
import io.switchboard.compensation.domain.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps subscriptions in sync with the billing system: an upsert that changes nothing when the terms are the same,
 * so a repeated request (single or bulk) is harmless. A change recomputes the credits of the months still open.
 */
@ApplicationScoped
public class SubscriptionService {

    private final EntityManager em;
    private final PolicyCatalog policies;
    private final AuditTrail audit;
    private final OutageService outages;
    private final CompensationConfig config;
    private final Clock clock;

    SubscriptionService(EntityManager em, PolicyCatalog policies, AuditTrail audit, OutageService outages, CompensationConfig config,
                        Clock clock) {
        this.em = em;
        this.policies = policies;
        this.audit = audit;
        this.outages = outages;
        this.config = config;
        this.clock = clock;
    }

    /** What an upsert did. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** The policy a subscription names, or the default; refused when unknown or unable to compute its commitment. */
    public Subscription withPolicy(Subscription s, String field) {
        String policyId = s.policyId() == null ? policies.defaultPolicyId() : s.policyId();
        if (!policies.exists(policyId)) {
            throw new InvalidFieldException(field + "policyId", "'" + policyId + "' is not a credit policy");
        }
        policies.current(policyId).whyNotFor(s.commitment()).ifPresent(why -> {
            throw new InvalidFieldException(field + "commitment", why);
        });
        return new Subscription(s.id(), s.customerId(), s.product(), s.region(), s.resourceIds(), s.monthlyFee(),
                s.commitment(), s.billingZone(), policyId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Outcome> upsertAll(List<Subscription> subscriptions, String actor) {
        Instant now = clock.instant();
        List<Outcome> outcomes = new ArrayList<>();
        List<AuditTrail.Entry> entries = new ArrayList<>();
        List<Subscription> changed = new ArrayList<>();
        // Two syncs creating the same new subscription must not both insert it: a transaction-scoped advisory lock per
        // id (in id order, so that two bulk requests cannot deadlock), since a row lock cannot cover a missing row.
        String[] ids = subscriptions.stream().map(Subscription::id).sorted().toArray(String[]::new);
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement lock = connection.prepareStatement(
                    "select count(pg_advisory_xact_lock(1042, hashtext(id))) from (select unnest(?) as id order by 1) ids")) {
                lock.setArray(1, connection.createArrayOf("text", ids));
                lock.executeQuery().close();
            }
        });
        Map<String, SubscriptionRow> existing = new java.util.HashMap<>();
        Map<String, Subscription> previous = new java.util.HashMap<>();
        em.createQuery("from SubscriptionRow where id in :ids order by id", SubscriptionRow.class)
                .setParameter("ids", subscriptions.stream().map(Subscription::id).toList())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().forEach(r -> existing.put(r.id, r));
        for (Subscription s : subscriptions) {
            SubscriptionRow row = existing.get(s.id());
            Outcome outcome;
            if (row == null) {
                row = new SubscriptionRow();
                row.apply(s, actor, now);
                row.persist();
                outcome = Outcome.CREATED;
            } else if (row.sameTermsAs(s)) {
                outcome = Outcome.UNCHANGED;
            } else {
                if (!row.customerId.equals(s.customerId())) {
                    throw new InvalidFieldException("customerId", "subscription " + s.id() + " belongs to another customer");
                }
                Subscription before = row.toDomain();
                row.apply(s, actor, now);
                outcome = Outcome.UPDATED;
                changed.add(s);
                previous.put(s.id(), before);
            }
            outcomes.add(outcome);
            if (outcome != Outcome.UNCHANGED) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("product", s.product());
                data.put("region", s.region());
                data.put("monthlyFee", s.monthlyFee().toString());
                data.put("commitment", s.commitment());
                data.put("billingZone", s.billingZone().getId());
                Subscription before = previous.get(s.id());
                if (before != null) {
                    data.put("previous", Map.of("product", before.product(), "region", before.region(),
                            "monthlyFee", before.monthlyFee().toString(), "commitment", before.commitment(),
                            "billingZone", before.billingZone().getId(), "policyId", before.policyId()));
                }
                entries.add(new AuditTrail.Entry(actor, "sync-subscription", "subscription", s.id(), s.customerId(),
                        outcome.name(), "billing sync", s.policyId(), policies.current(s.policyId()).version(), data));
            }
        }
        audit.recordAll(entries);
        resettleOpenMonths(changed, actor, now);
        return outcomes;
    }

    /**
     * Changed terms (fee, commitment, policy, scope) recompute the credits of every month still open, as an outage
     * correction does: the difference from what was credited is an adjustment, never a second credit. Closed months
     * keep their credits.
     */
    private void resettleOpenMonths(List<Subscription> changed, String actor, Instant now) {
        Map<ZoneId, List<Subscription>> byZone = new LinkedHashMap<>();
        changed.forEach(s -> byZone.computeIfAbsent(s.billingZone(), z -> new ArrayList<>()).add(s));
        for (Map.Entry<ZoneId, List<Subscription>> zone : byZone.entrySet()) {
            BillingMonth open = BillingMonth.earliestOpen(now, zone.getKey(), config.monthClosesAfter());
            Period months = new Period(open.start(), BillingMonth.containing(now, zone.getKey()).end());
            outages.resettle(zone.getValue(), AvailabilityLedger.Cause.termsChange(now, List.of(months), actor,
                    "subscription terms changed by the billing sync (months open since " + open.month() + ")"));
        }
    }
}
