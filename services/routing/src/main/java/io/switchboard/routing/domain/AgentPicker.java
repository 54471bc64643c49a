package io.switchboard.routing.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The group strategies: which of the agents who can take a ticket gets it. */
final class AgentPicker {

    private static final Comparator<Agent> IDLE_LONGEST = Comparator
            .comparing((Agent a) -> a.lastAssignedAt() == null ? Instant.MIN : a.lastAssignedAt())
            .thenComparing(Agent::id);

    private AgentPicker() {
    }

    /** {@code able} in id order; {@code lastPicked} the group's previous round-robin pick, if any. */
    static Optional<Agent> pick(AgentStrategy strategy, List<Agent> able, String lastPicked) {
        if (able.isEmpty()) {
            return Optional.empty();
        }
        return switch (strategy) {
            case LEAST_LOADED -> able.stream().min(Comparator.comparingDouble(Agent::utilisation)
                    .thenComparingInt(Agent::load).thenComparing(IDLE_LONGEST));
            case LONGEST_IDLE -> able.stream().min(IDLE_LONGEST);
            case ROUND_ROBIN -> Optional.of(able.stream()
                    .filter(a -> lastPicked == null || a.id().compareTo(lastPicked) > 0)
                    .findFirst().orElse(able.get(0)));
        };
    }
}
