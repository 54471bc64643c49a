package io.switchboard.routing.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The groups and agents a decision is made among, at one moment, and each round-robin group's last
 * pick. A snapshot: the persistence layer claims the chosen agent's capacity atomically afterwards.
 */
public record Desk(List<SkillGroup> groups, Map<String, Agent> agents, Map<String, String> lastPicked) {

    public Desk {
        groups = groups.stream().sorted(Comparator.comparing(SkillGroup::id)).toList();
        agents = Map.copyOf(agents);
        lastPicked = Map.copyOf(lastPicked);
    }

    public static Desk of(Collection<SkillGroup> groups, Collection<Agent> agents) {
        return new Desk(List.copyOf(groups), agents.stream().collect(Collectors.toMap(Agent::id, Function.identity())), Map.of());
    }

    public Desk withLastPicked(Map<String, String> picks) {
        return new Desk(groups, agents, picks);
    }

    public Optional<SkillGroup> group(String id) {
        return groups.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    public Optional<Agent> agent(String id) {
        return Optional.ofNullable(agents.get(id));
    }

    /** Members of the group, in id order. */
    public List<Agent> agentsOf(String groupId) {
        return agents.values().stream().filter(a -> a.groups().contains(groupId))
                .sorted(Comparator.comparing(Agent::id)).toList();
    }

    /** The agent who is the customer's dedicated manager: the ticket's named manager, else the agent who lists the customer. */
    public Optional<Agent> managerOf(RoutingTicket ticket) {
        if (ticket.accountManagerId() != null && !ticket.accountManagerId().isBlank()) {
            return agent(ticket.accountManagerId());
        }
        return agents.values().stream().filter(a -> a.managedCustomers().contains(ticket.customerId()))
                .min(Comparator.comparing(Agent::id));
    }
}
