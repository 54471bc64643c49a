package io.switchboard.compensation.subscription;

import io.switchboard.compensation.audit.AuditTrail;
import io.switchboard.compensation.config.PolicyCatalog;
import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.compensation.domain.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps subscriptions in sync with the billing system: an upsert that changes nothing when the terms are the same,
 * so a repeated request (single or bulk) is harmless. A change applies to months settled after it.
 */
@ApplicationScoped
public class SubscriptionService {

    private final EntityManager em;
    private final PolicyCatalog policies;
    private final AuditTrail audit;
    private final Clock clock;

    SubscriptionService(EntityManager em, PolicyCatalog policies, AuditTrail audit, Clock clock) {
        this.em = em;
        this.policies = policies;
        this.audit = audit;
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
                row.apply(s, actor, now);
                outcome = Outcome.UPDATED;
            }
            outcomes.add(outcome);
            if (outcome != Outcome.UNCHANGED) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("product", s.product());
                data.put("region", s.region());
                data.put("monthlyFee", s.monthlyFee().toString());
                data.put("commitment", s.commitment());
                data.put("billingZone", s.billingZone().getId());
                entries.add(new AuditTrail.Entry(actor, "sync-subscription", "subscription", s.id(), s.customerId(),
                        outcome.name(), "billing sync", s.policyId(), policies.current(s.policyId()).version(), data));
            }
        }
        audit.recordAll(entries);
        return outcomes;
    }
}
