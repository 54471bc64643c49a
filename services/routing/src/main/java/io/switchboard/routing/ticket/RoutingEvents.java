package io.switchboard.routing.ticket;

import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.contracts.routing.AssignmentReason;
import io.switchboard.contracts.routing.RerouteReason;
import io.switchboard.contracts.routing.TicketAssigned;
import io.switchboard.contracts.routing.TicketQueued;
import io.switchboard.contracts.routing.TicketRerouted;
import io.switchboard.contracts.routing.TicketUnassigned;
import io.switchboard.contracts.routing.UnassignReason;
import io.switchboard.routing.domain.DecisionRule;
import io.switchboard.routing.domain.RoutingDecision;
import io.switchboard.routing.domain.RoutingPolicy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** The events of support.routing.v1, written to the outbox in the caller's transaction (grouped at the end of a batch: {@link BatchWrites}). */
@ApplicationScoped
public class RoutingEvents {

    private final BatchWrites writes;
    private final RoutingPolicy policy;

    RoutingEvents(BatchWrites writes, RoutingPolicy policy) {
        this.writes = writes;
        this.policy = policy;
    }

    void queued(RoutedTicket t, RoutingDecision d, String centre, Instant at) {
        writes.event(t.id, TicketQueued.newBuilder()
                .setTicketId(t.id).setSkillGroupId(d.groupId()).setCentre(centre).setLanguage(t.language)
                .setPriority(Priority.valueOf(t.priority)).setSupportLevel(d.level())
                .setAnswerTargetSeconds(policy.answerTargetSeconds(t.language)).setReason(d.reason())
                .setQueuedAt(at).setWaitUntil(d.waitUntil()).build());
    }

    void assigned(RoutedTicket t, String groupId, String agentId, SupportLevel level, DecisionRule rule, String centre, Instant at) {
        writes.event(t.id, TicketAssigned.newBuilder()
                .setTicketId(t.id).setAgentId(agentId).setSkillGroupId(groupId).setSupportLevel(level)
                .setReason(reasonOf(rule)).setCentre(centre).setAssignedAt(at).build());
    }

    void rerouted(RoutedTicket t, String fromGroup, String toGroup, String previousAgent, RerouteReason reason, String note,
                  String by, Instant at) {
        writes.event(t.id, TicketRerouted.newBuilder()
                .setTicketId(t.id).setFromSkillGroupId(fromGroup).setToSkillGroupId(toGroup).setPreviousAgentId(previousAgent)
                .setReason(reason).setNote(note).setReroutedBy(by).setReroutedAt(at).build());
    }

    void unassigned(RoutedTicket t, String agentId, String groupId, UnassignReason reason, String note, String by, Instant at) {
        writes.event(t.id, TicketUnassigned.newBuilder()
                .setTicketId(t.id).setAgentId(agentId).setSkillGroupId(groupId).setReason(reason).setNote(note)
                .setUnassignedBy(by).setUnassignedAt(at).build());
    }

    private static AssignmentReason reasonOf(DecisionRule rule) {
        return switch (rule) {
            case DEDICATED_MANAGER -> AssignmentReason.DEDICATED_MANAGER;
            case ESCALATION -> AssignmentReason.ESCALATION;
            case EMERGENCY -> AssignmentReason.EMERGENCY;
            case FOLLOW_THE_SUN -> AssignmentReason.FOLLOW_THE_SUN;
            case MANUAL -> AssignmentReason.MANUAL;
            case SKILL_MATCH, QUEUE -> AssignmentReason.SKILL_MATCH;
        };
    }
}
