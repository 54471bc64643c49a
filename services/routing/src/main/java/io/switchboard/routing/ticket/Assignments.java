package io.switchboard.routing.ticket;

import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.contracts.routing.RerouteReason;
import io.switchboard.routing.agent.AgentMemory;
import io.switchboard.routing.agent.AgentRepository;
import io.switchboard.routing.agent.AgentRow;
import io.switchboard.routing.domain.Agent;
import io.switchboard.routing.domain.DecisionRule;
import io.switchboard.routing.domain.Desk;
import io.switchboard.routing.domain.Presence;
import io.switchboard.routing.domain.Router;
import io.switchboard.routing.domain.RoutingDecision;
import io.switchboard.routing.domain.RoutingTicket;
import io.switchboard.routing.domain.SkillGroup;
import io.switchboard.routing.domain.SkipReason;
import io.switchboard.routing.group.DeskReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Carries routing decisions out: claims the chosen agent's capacity (choosing again if another
 * instance filled them first), moves the ticket, records the decision and publishes its events, all
 * in the caller's transaction. Serves an agent's queues whenever their capacity frees.
 */
@ApplicationScoped
public class Assignments {

    private static final int CLAIM_ATTEMPTS = 5;
    private static final Duration UNROUTABLE_RETRY = Duration.ofMinutes(1);

    private final Router router;
    private final DeskReader desks;
    private final AgentRepository agents;
    private final TicketRepository tickets;
    private final RoutingEvents events;
    private final AgentMemory memory;
    private final BatchWrites writes;
    private final EntityManager em;
    private final Clock clock;

    Assignments(Router router, DeskReader desks, AgentRepository agents, AgentMemory memory, TicketRepository tickets,
                RoutingEvents events, BatchWrites writes, EntityManager em, Clock clock) {
        this.router = router;
        this.desks = desks;
        this.agents = agents;
        this.memory = memory;
        this.tickets = tickets;
        this.events = events;
        this.writes = writes;
        this.em = em;
        this.clock = clock;
    }

    RoutingEvents events() {
        return events;
    }

    /** Where a ticket was before a re-route, for the events that say it moved. */
    record Previous(String groupId, String agentId, RerouteReason reason, String note) {
        static final Previous NONE = new Previous(null, null, null, null);
    }

    /** Decides where the ticket goes and carries it out. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RoutingDecision route(RoutedTicket row, DecisionRule cause, String action, String actor, Previous previous) {
        RoutingTicket ticket = row.toDomain();
        Desk desk = deskFor(ticket);
        Instant now = clock.instant();
        RoutingDecision decision = router.route(ticket, desk, now, cause);
        for (int attempt = 1; decision.assigned() && !agents.claim(decision.agentId(), now); attempt++) {
            // Another instance filled that agent between our read and our claim: decide again without them.
            desk = withFullAgent(desk, decision.agentId());
            decision = attempt < CLAIM_ATTEMPTS ? router.route(ticket, desk, now, cause) : queueInstead(decision);
        }
        apply(row, decision, action, actor, previous);
        return decision;
    }

    /** A transfer to a group: an agent of it by its strategy, else its queue. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RoutingDecision routeWithin(RoutedTicket row, SkillGroup group, String actor, Previous previous) {
        RoutingTicket ticket = row.toDomain();
        Desk desk = desks.deskOf(List.of(group), List.of());
        Instant now = clock.instant();
        RoutingDecision decision = router.routeWithin(group, ticket, desk, now);
        for (int attempt = 1; decision.assigned() && !agents.claim(decision.agentId(), now); attempt++) {
            desk = withFullAgent(desk, decision.agentId());
            decision = attempt < CLAIM_ATTEMPTS ? router.routeWithin(group, ticket, desk, now) : queueInstead(decision);
        }
        apply(row, decision, "TRANSFERRED", actor, previous);
        return decision;
    }

    /** Assigns to this agent for this group (a manual transfer); false when they are not available or full. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean assignTo(RoutedTicket row, String agentId, String groupId, String note, String actor, Previous previous) {
        Instant now = clock.instant();
        if (!agents.claim(agentId, now)) {
            return false;
        }
        RoutingDecision decision = new RoutingDecision(RoutingDecision.Outcome.ASSIGNED, groupId, agentId, DecisionRule.MANUAL,
                "transferred to agent " + agentId + (note == null ? "" : ": " + note), null, SupportLevel.valueOf(row.level),
                null, List.of(), 0);
        apply(row, decision, "TRANSFERRED", actor, previous);
        return true;
    }

    /**
     * The agent's capacity freed (a resolution, a presence change, an agent added, capacity raised): they
     * take queued tickets of their groups at once, head of the queue first, while they have room.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int serve(String agentId) {
        Optional<AgentRow> current = agents.current(agentId);
        if (current.isEmpty() || !Presence.AVAILABLE.name().equals(current.get().presence)) {
            return 0;
        }
        Agent agent = DeskReader.toAgent(current.get());
        if (!agent.hasRoom()) {
            return 0;
        }
        Map<String, SkillGroup> groups = desks.groups();
        List<String> groupIds = agent.groups().stream().filter(groups::containsKey).sorted().toList();
        Instant now = clock.instant();
        int taken = 0;
        for (RoutedTicket row : tickets.queueHeads(groupIds, (agent.capacity() - agent.load()) * 4 + 8)) {
            if (!agent.hasRoom()) {
                break;
            }
            SkillGroup group = groups.get(row.groupId);
            RoutingTicket ticket = row.toDomain();
            SkipReason reason = router.canTake(agent, group, ticket, now);
            if (reason != null || !agents.claim(agent.id(), now)) {
                continue;
            }
            agent = agent.withLoad(agent.load() + 1);
            long waited = row.queuedAt == null ? 0 : Duration.between(row.queuedAt, now).toSeconds();
            RoutingDecision decision = new RoutingDecision(RoutingDecision.Outcome.ASSIGNED, group.id(), agent.id(), DecisionRule.QUEUE,
                    agent.id() + " had room and took it from the queue of " + group.id() + " after " + waited + " s",
                    router.requirementFor(ticket), router.requirementFor(ticket).level(), null, List.of(), 0);
            apply(row, decision, "ASSIGNED_FROM_QUEUE", "system", Previous.NONE);
            taken++;
        }
        return taken;
    }

    /**
     * The agent's capacity freed: their queues are served now, or, inside a batch of ticket events, once
     * at its end, in the same transaction ({@link #serveAll}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void serveFreed(String agentId) {
        if (!writes.serveLater(agentId)) {
            serve(agentId);
        }
    }

    /** Serves the agents' queues, looking only at those with a queue: one query when none has. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void serveAll(Set<String> agentIds) {
        Set<String> groups = new HashSet<>();
        for (String id : agentIds) {
            memory.agent(id).ifPresent(a -> groups.addAll(a.groups()));
        }
        Set<String> withQueue = new HashSet<>(tickets.groupsWithQueue(groups));
        for (String id : agentIds) {
            boolean queued = memory.agent(id).map(a -> a.groups().stream().anyMatch(withQueue::contains)).orElse(true);
            if (queued) {
                serve(id);
            }
        }
    }

    /** Moves the ticket as decided, records the decision and publishes its events. */
    void apply(RoutedTicket row, RoutingDecision d, String action, String actor, Previous previous) {
        Instant now = clock.instant();
        if (action.equals("REDECIDED") && !d.assigned() && d.outcome().name().equals(row.status.name())
                && java.util.Objects.equals(d.groupId(), row.groupId)) {
            // Looked at again, still waiting where it was: nothing to tell.
            row.waitUntil = d.outcome() == RoutingDecision.Outcome.UNROUTABLE ? now.plus(UNROUTABLE_RETRY) : d.waitUntil();
            return;
        }
        SkillGroup group = d.groupId() == null ? null : desks.groups().get(d.groupId());
        String centre = group == null ? null : group.centre().id();
        boolean moved = previous.groupId() != null && d.groupId() != null && !previous.groupId().equals(d.groupId())
                && previous.reason() != null;
        if (moved) {
            events.rerouted(row, previous.groupId(), d.groupId(), previous.agentId(), previous.reason(), previous.note(), actor, now);
        }
        row.groupId = d.groupId();
        row.level = d.level() == null ? row.level : d.level().name();
        switch (d.outcome()) {
            case ASSIGNED -> {
                row.status = RoutedTicket.Status.ASSIGNED;
                row.agentId = d.agentId();
                row.assignedAt = now;
                row.waitUntil = null;
                writes.answered(row.language, row.routedAt == null ? now : row.routedAt, now);
                events.assigned(row, d.groupId(), d.agentId(), SupportLevel.valueOf(row.level), d.rule(), centre, now);
                if (group != null && group.strategy() == io.switchboard.routing.domain.AgentStrategy.ROUND_ROBIN) {
                    em.createNativeQuery("update skill_group set last_picked = ?1 where id = ?2")
                            .setParameter(1, d.agentId()).setParameter(2, group.id()).executeUpdate();
                }
            }
            case QUEUED -> {
                row.status = RoutedTicket.Status.QUEUED;
                row.agentId = null;
                row.queuedAt = now;
                row.waitUntil = d.waitUntil();
                events.queued(row, d, centre, now);
            }
            case UNROUTABLE -> {
                row.status = RoutedTicket.Status.UNROUTABLE;
                row.agentId = null;
                row.waitUntil = now.plus(UNROUTABLE_RETRY); // the sweep looks again then (a group may have been added)
            }
        }
        record(row.id, action, d, actor, now);
    }

    void record(String ticketId, String action, RoutingDecision d, String actor, Instant at) {
        DecisionRow row = new DecisionRow();
        row.ticketId = ticketId;
        row.decidedAt = at;
        row.action = action;
        row.outcome = d == null ? null : d.outcome().name();
        row.groupId = d == null ? null : d.groupId();
        row.agentId = d == null ? null : d.agentId();
        row.rule = d == null || d.rule() == null ? null : d.rule().name();
        row.reason = d == null ? action : d.reason();
        row.requirement = d == null || d.requirement() == null ? null
                : d.requirement().certification() + " at " + d.requirement().level() + " (rule " + d.requirement().rule() + ")";
        row.skipped = d == null ? List.of() : d.skipped().stream()
                .map(s -> new DecisionRow.SkippedCandidate(s.kind().name(), s.candidate(), s.reason().name())).toList();
        row.skippedNotRecorded = d == null ? 0 : d.skippedNotRecorded();
        row.actor = actor;
        writes.decision(row);
    }

    /** A history entry without a decision (resolved, closed, declined). */
    void note(String ticketId, String action, String reason, String groupId, String agentId, String actor) {
        DecisionRow row = new DecisionRow();
        row.ticketId = ticketId;
        row.decidedAt = clock.instant();
        row.action = action;
        row.groupId = groupId;
        row.agentId = agentId;
        row.reason = reason;
        row.actor = actor;
        writes.decision(row);
    }

    private Desk deskFor(RoutingTicket ticket) {
        Map<String, SkillGroup> all = desks.groups();
        boolean emergency = router.isEmergency(ticket);
        String skill = router.policy().skills().skillFor(ticket);
        List<SkillGroup> relevant = all.values().stream()
                .filter(g -> emergency ? g.emergency() : g.skill().equals(skill)).toList();
        List<Agent> managers = new ArrayList<>();
        if (!emergency && router.policy().dedicatedManagerTiers().contains(ticket.tier())) {
            if (ticket.accountManagerId() != null) {
                memory.agent(ticket.accountManagerId()).ifPresent(managers::add);
            } else {
                managers.addAll(memory.managersOf(ticket.customerId()));
            }
        }
        return desks.deskOf(relevant, managers);
    }

    private static Desk withFullAgent(Desk desk, String agentId) {
        Map<String, Agent> agents = new HashMap<>(desk.agents());
        agents.computeIfPresent(agentId, (id, a) -> a.withLoad(a.capacity()));
        return new Desk(desk.groups(), agents, desk.lastPicked());
    }

    private static RoutingDecision queueInstead(RoutingDecision d) {
        return new RoutingDecision(RoutingDecision.Outcome.QUEUED, d.groupId(), null, d.rule(),
                "every agent chosen was filled by another instance first; it waits in the queue", d.requirement(), d.level(),
                null, d.skipped(), d.skippedNotRecorded());
    }
}
