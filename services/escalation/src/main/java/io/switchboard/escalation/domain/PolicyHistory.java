package io.switchboard.escalation.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The published versions of one policy; a ticket takes the version in effect when its clocks started (or were re-evaluated). */
public record PolicyHistory(List<SlaPolicy> versions) {

    public PolicyHistory {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a policy history needs at least one version");
        }
        versions = versions.stream().sorted(Comparator.comparingInt(SlaPolicy::version)).toList();
    }

    public static PolicyHistory of(SlaPolicy... versions) {
        return new PolicyHistory(List.of(versions));
    }

    /** The latest version published at or before {@code t}; the first version for earlier times. */
    public SlaPolicy at(Instant t) {
        SlaPolicy chosen = versions.get(0);
        for (SlaPolicy policy : versions) {
            if (!policy.effectiveFrom().isAfter(t)) {
                chosen = policy;
            }
        }
        return chosen;
    }

    public SlaPolicy latest() {
        return versions.get(versions.size() - 1);
    }
}
