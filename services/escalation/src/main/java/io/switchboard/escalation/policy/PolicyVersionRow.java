package io.switchboard.escalation.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One published policy version; its entries are the policy text, one {@code name=value} a line. */
@Entity
@Table(name = "sla_policy_version")
@IdClass(PolicyVersionRow.Key.class)
public class PolicyVersionRow extends PanacheEntityBase {

    @Id
    @Column(name = "policy_id")
    public String policyId;

    @Id
    public int version;

    @Column(name = "effective_from")
    public Instant effectiveFrom;

    public String entries;

    @Column(name = "published_by")
    public String publishedBy;

    @Column(name = "published_at")
    public Instant publishedAt;

    public static class Key implements Serializable {
        public String policyId;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.policyId, policyId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(policyId, version);
        }
    }
}
