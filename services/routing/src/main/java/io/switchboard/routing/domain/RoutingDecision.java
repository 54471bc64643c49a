package io.switchboard.routing.domain;

import io.switchboard.contracts.common.SupportLevel;

import java.time.Instant;
import java.util.List;

/**
 * Where a ticket goes and why: assigned to an agent of a group, queued in a group (until an agent
 * has room, or until the group opens: {@code waitUntil}), or unroutable (no group serves it). Every
 * decision carries the rule that chose, the requirement, and the candidates passed over.
 *
 * @param skippedNotRecorded skips beyond the policy's {@code max-recorded-skips}, counted only
 */
public record RoutingDecision(Outcome outcome, String groupId, String agentId, DecisionRule rule, String reason,
                              Requirement requirement, SupportLevel level, Instant waitUntil, List<Skip> skipped,
                              int skippedNotRecorded) {

    public enum Outcome { ASSIGNED, QUEUED, UNROUTABLE }

    public RoutingDecision {
        skipped = List.copyOf(skipped);
    }

    public boolean assigned() {
        return outcome == Outcome.ASSIGNED;
    }
}
