package io.switchboard.routing.ticket;

import io.switchboard.contracts.routing.RerouteReason;
import io.switchboard.contracts.routing.UnassignReason;
import io.switchboard.routing.agent.AgentRow;
import io.switchboard.routing.domain.SkillGroup;
import io.switchboard.routing.group.DeskReader;
import io.switchboard.web.errors.ConflictException;
import io.switchboard.web.errors.InvalidInputException;
import io.switchboard.web.errors.ResourceNotFoundException;
import io.switchboard.web.errors.RuleViolationException;
import io.switchboard.web.errors.StateTransitionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** People moving tickets: a transfer to a group or an agent, and an agent declining an assignment. */
@ApplicationScoped
public class Transfers {

    private final TicketRepository tickets;
    private final TicketRouting routing;
    private final Assignments assignments;
    private final DeskReader desks;

    Transfers(TicketRepository tickets, TicketRouting routing, Assignments assignments, DeskReader desks) {
        this.tickets = tickets;
        this.routing = routing;
        this.assignments = assignments;
        this.desks = desks;
    }

    @Transactional
    public RoutedTicket transfer(String ticketId, String toGroup, String toAgent, String reason, String actor) {
        if ((toGroup == null) == (toAgent == null)) {
            throw new InvalidInputException(toGroup == null ? "group" : "agent", "name either a group or an agent to transfer to");
        }
        RoutedTicket row = tickets.lock(ticketId).orElseThrow(() -> new ResourceNotFoundException("ticket " + ticketId));
        if (row.status == RoutedTicket.Status.DONE) {
            throw new StateTransitionException("ticket " + ticketId + " is resolved or closed; reopen it first");
        }
        SkillGroup group = toGroup == null ? null : desks.group(toGroup);
        if (toGroup != null && group == null) {
            throw new ResourceNotFoundException("skill group " + toGroup);
        }
        AgentRow agent = toAgent == null ? null : AgentRow.findById(toAgent);
        if (toAgent != null && agent == null) {
            throw new ResourceNotFoundException("agent " + toAgent);
        }
        if (agent != null && agent.id.equals(row.agentId)) {
            throw new ConflictException("Already assigned", "ticket " + ticketId + " is already assigned to " + toAgent, "agent");
        }
        String previousGroup = row.groupId;
        String freed = routing.leave(row, UnassignReason.TRANSFERRED, reason, actor);
        Assignments.Previous previous = new Assignments.Previous(previousGroup, freed, RerouteReason.MANUAL, reason);
        if (agent != null) {
            String targetGroup = agent.groups.stream().sorted().findFirst().orElse(previousGroup);
            if (!assignments.assignTo(row, agent.id, targetGroup, reason, actor, previous)) {
                throw new RuleViolationException("Agent cannot take it",
                        "agent " + agent.id + " is " + agent.presence.toLowerCase() + " with " + agent.load + " of " + agent.capacity + " tickets");
            }
        } else {
            assignments.routeWithin(row, group, actor, previous);
        }
        if (freed != null) {
            assignments.serve(freed);
        }
        return row;
    }

    /** The assigned agent declines: the ticket is routed again, never to them. */
    @Transactional
    public RoutedTicket decline(String ticketId, String agentId, String reason) {
        RoutedTicket row = tickets.lock(ticketId).orElseThrow(() -> new ResourceNotFoundException("ticket " + ticketId));
        if (row.status != RoutedTicket.Status.ASSIGNED || !agentId.equals(row.agentId)) {
            throw new StateTransitionException("ticket " + ticketId + " is not on " + agentId + "'s worklist");
        }
        String previousGroup = row.groupId;
        routing.leave(row, UnassignReason.DECLINED, reason, agentId);
        java.util.List<String> declined = new java.util.ArrayList<>(row.declinedBy);
        declined.add(agentId);
        row.declinedBy = declined;
        assignments.route(row, null, "DECLINED", agentId, new Assignments.Previous(previousGroup, agentId, RerouteReason.DECLINED, reason));
        assignments.serve(agentId);
        return row;
    }
}
