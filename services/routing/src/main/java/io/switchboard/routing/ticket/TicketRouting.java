package io.switchboard.routing.ticket;

import io.switchboard.contracts.routing.RerouteReason;
import io.switchboard.contracts.routing.UnassignReason;
import io.switchboard.routing.agent.AgentRepository;
import io.switchboard.routing.domain.DecisionRule;
import io.switchboard.routing.domain.RoutingTicket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A ticket's routing through its lifecycle, as intake and escalation report it: routed when opened,
 * routed again when reclassified, reopened or escalated, taken off its agent or queue when resolved
 * or closed, which frees capacity that the agent's queues take at once. Events about tickets routing
 * never saw (opened before it ran) are ignored.
 */
@ApplicationScoped
public class TicketRouting {

    static final String SYSTEM = "system";

    private final Assignments assignments;
    private final TicketRepository tickets;
    private final AgentRepository agents;
    private final BatchWrites writes;
    private final Clock clock;

    TicketRouting(Assignments assignments, TicketRepository tickets, AgentRepository agents, BatchWrites writes, Clock clock) {
        this.assignments = assignments;
        this.tickets = tickets;
        this.agents = agents;
        this.writes = writes;
        this.clock = clock;
    }

    /**
     * Ticket events of one batch, in order, in the caller's transaction, their writes grouped
     * ({@link BatchWrites}); the agents whose capacity freed serve their queues at its end.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyAll(List<Runnable> events) {
        applyAll(List.of(), events);
    }

    /** As {@link #applyAll(List)}, the batch's tickets (their ids) read and locked first, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyAll(Collection<String> ticketIds, List<Runnable> events) {
        writes.run(ticketIds, events, assignments::serveAll);
    }

    @Transactional
    public void open(RoutingTicket ticket) {
        if (tickets.find(ticket.id()).isPresent()) {
            return; // already routed: the same ticket announced again
        }
        RoutedTicket row = RoutedTicket.of(ticket, clock.instant());
        assignments.route(row, null, "ROUTED", SYSTEM, Assignments.Previous.NONE);
        tickets.add(row); // persisted as decided: one insert, not an insert and then an update
        if (row.groupId != null) {
            writes.arrival(row.groupId, ticket.openedAt());
        }
    }

    /** Reclassification, escalation or a major incident changed what the ticket needs: route it again. */
    @Transactional
    public void reroute(String ticketId, Consumer<RoutedTicket> change, DecisionRule cause, RerouteReason reason, String note, String actor) {
        Optional<RoutedTicket> found = tickets.lock(ticketId);
        if (found.isEmpty() || found.get().status == RoutedTicket.Status.DONE) {
            return;
        }
        RoutedTicket row = found.get();
        change.accept(row);
        String freed = leave(row, UnassignReason.REROUTED, note, actor);
        assignments.route(row, cause, "REROUTED", actor, new Assignments.Previous(row.groupId, freed, reason, note));
        if (freed != null) {
            assignments.serveFreed(freed);
        }
    }

    /** A reopened ticket is routed again, unless it is still being worked. */
    @Transactional
    public void reopen(String ticketId, String note, String actor) {
        Optional<RoutedTicket> found = tickets.lock(ticketId);
        if (found.isEmpty() || found.get().status != RoutedTicket.Status.DONE) {
            return;
        }
        RoutedTicket row = found.get();
        assignments.route(row, null, "REOPENED", actor, new Assignments.Previous(row.groupId, null, RerouteReason.REOPENED, note));
    }

    /** Resolved or closed: off the agent's worklist or the queue; the agent's capacity goes to their queues. */
    @Transactional
    public void finish(String ticketId, UnassignReason reason, String actor) {
        Optional<RoutedTicket> found = tickets.lock(ticketId);
        if (found.isEmpty() || found.get().status == RoutedTicket.Status.DONE) {
            return;
        }
        RoutedTicket row = found.get();
        String group = row.groupId;
        String freed = leave(row, reason, null, actor);
        row.status = RoutedTicket.Status.DONE;
        row.agentId = null;
        assignments.note(row.id, reason.name(), "ticket " + reason.name().toLowerCase() + (freed == null ? "" : "; " + freed + " has room again"),
                group, freed, actor);
        if (freed != null) {
            assignments.serveFreed(freed);
        }
    }

    /**
     * Takes the ticket off its agent (capacity released) or out of its queue, publishing that it left;
     * returns the agent whose capacity freed, if any.
     */
    String leave(RoutedTicket row, UnassignReason reason, String note, String actor) {
        String agent = row.status == RoutedTicket.Status.ASSIGNED ? row.agentId : null;
        if (agent != null) {
            agents.release(agent);
        }
        if (row.status == RoutedTicket.Status.ASSIGNED || row.status == RoutedTicket.Status.QUEUED) {
            assignmentsEvents().unassigned(row, agent, row.groupId, reason, note, actor, clock.instant());
        }
        return agent;
    }

    private RoutingEvents assignmentsEvents() {
        return assignments.events();
    }
}
