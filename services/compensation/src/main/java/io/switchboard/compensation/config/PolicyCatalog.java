package io.switchboard.compensation.config;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.compensation.audit.AuditTrail;
import io.switchboard.compensation.domain.CreditPolicy;
import io.switchboard.compensation.domain.DefaultPolicies;
import io.switchboard.compensation.domain.InvalidFieldException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credit policies and their versions, kept in {@code credit_policy}: the shipped defaults and configured
 * ones are recorded at start (a version, once recorded, never changes: a different spec under a recorded
 * version stops the start), operators add versions over REST. A computation uses a policy's latest version
 * and records which one.
 */
@ApplicationScoped
public class PolicyCatalog {

    private final EntityManager em;
    private final CompensationConfig config;
    private final Clock clock;
    private final AuditTrail audit;
    private final Map<String, Map<Integer, CreditPolicy>> versions = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    PolicyCatalog(EntityManager em, CompensationConfig config, Clock clock, AuditTrail audit) {
        this.em = em;
        this.config = config;
        this.clock = clock;
        this.audit = audit;
    }

    void onStart(@Observes StartupEvent start) {
        ensureLoaded();
        defaultPolicyId(); // fails the start when the default names no policy
    }

    /**
     * Records the configured policies and loads every version, once: on start, or earlier when an event consumer
     * that started first asks for a policy.
     */
    private void ensureLoaded() {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    load();
                    loaded = true;
                }
            }
        }
    }

    private void load() {
        Map<String, CreditPolicy> configured = new TreeMap<>(DefaultPolicies.creditPolicies());
        config.policies().forEach((id, spec) -> {
            CreditPolicy policy = CreditPolicy.parse(spec);
            if (!policy.id().equals(id)) {
                throw new IllegalStateException("switchboard.compensation.policies." + id + " names policy " + policy.id());
            }
            configured.put(id, policy);
        });
        QuarkusTransaction.requiringNew().run(() -> {
            for (CreditPolicy policy : configured.values()) {
                record(policy, "configuration");
            }
        });
        reload();
    }

    /** The id of the policy a subscription gets when it names none. */
    public String defaultPolicyId() {
        ensureLoaded();
        String id = config.defaultPolicy().orElse(DefaultPolicies.get("default-policy"));
        if (!versions.containsKey(id)) {
            throw new IllegalStateException("the default credit policy '" + id + "' is not a known policy");
        }
        return id;
    }

    public boolean exists(String id) {
        ensureLoaded();
        return versions.containsKey(id);
    }

    /** The latest version of a policy. */
    public CreditPolicy current(String id) {
        ensureLoaded();
        Map<Integer, CreditPolicy> byVersion = versions.get(id);
        if (byVersion == null) {
            throw new InvalidFieldException("policyId", "'" + id + "' is not a credit policy");
        }
        return ((TreeMap<Integer, CreditPolicy>) byVersion).lastEntry().getValue();
    }

    public Optional<CreditPolicy> version(String id, int version) {
        ensureLoaded();
        return Optional.ofNullable(versions.getOrDefault(id, Map.of()).get(version));
    }

    public List<CreditPolicy> all() {
        ensureLoaded();
        return versions.values().stream().flatMap(v -> v.values().stream()).toList();
    }

    /** Adds a new version: it must be the next one of its policy (or version 1 of a new policy). */
    public CreditPolicy add(CreditPolicy policy, String actor) {
        ensureLoaded();
        int next = versions.containsKey(policy.id()) ? current(policy.id()).version() + 1 : 1;
        if (policy.version() != next) {
            throw new InvalidFieldException("spec.version", "the next version of " + policy.id() + " is " + next
                    + "; a recorded version never changes");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            record(policy, actor);
            audit.record(new AuditTrail.Entry(actor, "add-policy-version", "policy", policy.id(), null, "RECORDED",
                    "version " + policy.version() + " of " + policy.id(), policy.id(), policy.version(), Map.of("spec", policy.toSpec())));
        });
        reload();
        return policy;
    }

    private void record(CreditPolicy policy, String actor) {
        int inserted = em.createNativeQuery("insert into credit_policy (policy_id, version, spec, created_at, created_by) "
                        + "values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                .setParameter(1, policy.id()).setParameter(2, policy.version()).setParameter(3, policy.toSpec())
                .setParameter(4, Timestamp.from(clock.instant())).setParameter(5, actor).executeUpdate();
        if (inserted == 0) {
            String recorded = (String) em.createNativeQuery("select spec from credit_policy where policy_id = ?1 and version = ?2")
                    .setParameter(1, policy.id()).setParameter(2, policy.version()).getSingleResult();
            if (!CreditPolicy.parse(recorded).equals(policy)) {
                throw new InvalidFieldException("spec.version", "policy " + policy.id() + " v" + policy.version()
                        + " is recorded with another spec; a changed policy needs a new version");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void reload() {
        List<String> specs = QuarkusTransaction.requiringNew().call(() ->
                (List<String>) em.createNativeQuery("select spec from credit_policy").getResultList());
        Map<String, Map<Integer, CreditPolicy>> loaded = new TreeMap<>();
        for (String spec : specs) {
            CreditPolicy policy = CreditPolicy.parse(spec);
            loaded.computeIfAbsent(policy.id(), id -> new TreeMap<>()).put(policy.version(), policy);
        }
        versions.putAll(loaded);
    }
}
