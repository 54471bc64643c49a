package io.switchboard.escalation.policy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.escalation.config.EscalationSettings;
import io.switchboard.escalation.domain.PolicyHistory;
import io.switchboard.escalation.domain.PolicyText;
import io.switchboard.escalation.domain.SlaPolicy;
import io.switchboard.web.errors.InvalidInputException;
import io.switchboard.web.errors.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The desk's policy versions: read from the database (each instance keeps them for
 * {@code policy.refresh}), version 1 written at first start, later versions published and validated here.
 */
@ApplicationScoped
public class Policies {

    private final EntityManager entityManager;
    private final EscalationSettings settings;
    private final Clock clock;
    private volatile PolicyHistory cached;
    private volatile long cachedAtNanos;

    Policies(EntityManager entityManager, EscalationSettings settings, Clock clock) {
        this.entityManager = entityManager;
        this.settings = settings;
        this.clock = clock;
    }

    void seed(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            String id = settings.policy().id();
            Map<String, String> entries = settings.policy().entries();
            SlaPolicy first = entries.isEmpty() ? SlaPolicy.defaults(id, Instant.EPOCH)
                    : SlaPolicy.parse(id, 1, Instant.EPOCH, entries);
            entityManager.createNativeQuery("insert into sla_policy_version (policy_id, version, effective_from, entries, published_by, published_at) "
                            + "values (?1, 1, ?2, ?3, 'configuration', ?4) on conflict do nothing")
                    .setParameter(1, id).setParameter(2, first.effectiveFrom()).setParameter(3, text(first.entries()))
                    .setParameter(4, clock.instant()).executeUpdate();
        });
    }

    /** Every version of the desk's policy, at most {@code refresh} old. */
    public PolicyHistory history() {
        PolicyHistory current = cached;
        if (current == null || System.nanoTime() - cachedAtNanos > settings.policy().refresh().toNanos()) {
            current = load();
            cached = current;
            cachedAtNanos = System.nanoTime();
        }
        return current;
    }

    public String policyId() {
        return settings.policy().id();
    }

    /** Validates and writes the next version, in effect from {@code effectiveFrom} (now when null, never earlier than now). */
    @Transactional
    public SlaPolicy publish(Map<String, String> entries, Instant effectiveFrom, String by) {
        if (entries == null || entries.isEmpty()) {
            throw new InvalidInputException("entries", "must name at least one entry");
        }
        Instant now = clock.instant();
        if (effectiveFrom != null && effectiveFrom.isBefore(now)) {
            throw new InvalidInputException("effectiveFrom", "must not be in the past: running clocks keep their version");
        }
        String id = policyId();
        // Serialises concurrent publications: the next version number is taken under this lock.
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "sla-policy:" + id).getSingleResult();
        Number latest = (Number) entityManager.createNativeQuery("select coalesce(max(version), 0) from sla_policy_version where policy_id = ?1")
                .setParameter(1, id).getSingleResult();
        SlaPolicy policy;
        try {
            policy = SlaPolicy.parse(id, latest.intValue() + 1, effectiveFrom == null ? now : effectiveFrom, entries);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("entries", e.getMessage());
        }
        PolicyVersionRow row = new PolicyVersionRow();
        row.policyId = id;
        row.version = policy.version();
        row.effectiveFrom = policy.effectiveFrom();
        row.entries = text(policy.entries());
        row.publishedBy = by;
        row.publishedAt = now;
        row.persist();
        cached = null;
        return policy;
    }

    public SlaPolicy version(int version) {
        return history().versions().stream().filter(p -> p.version() == version).findFirst()
                .or(() -> load().versions().stream().filter(p -> p.version() == version).findFirst())
                .orElseThrow(() -> new ResourceNotFoundException("policy " + policyId() + " has no version " + version));
    }

    private PolicyHistory load() {
        return QuarkusTransaction.joiningExisting().call(() -> {
            List<PolicyVersionRow> rows = PolicyVersionRow.list("policyId = ?1 order by version", policyId());
            if (rows.isEmpty()) {
                throw new IllegalStateException("policy " + policyId() + " has no version (start-up writes version 1)");
            }
            return new PolicyHistory(rows.stream().map(r -> SlaPolicy.parse(r.policyId, r.version, r.effectiveFrom,
                    PolicyText.read(r.entries))).toList());
        });
    }

    static String text(Map<String, String> entries) {
        return entries.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }

    /** The latest version's entries with one calendar set, for publishing a calendar change as a new version. */
    public Map<String, String> withCalendar(String calendarId, String spec) {
        Map<String, String> entries = new LinkedHashMap<>(history().latest().entries());
        entries.put("calendar." + calendarId, spec);
        return entries;
    }
}
