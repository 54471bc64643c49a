package io.switchboard.routing.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * On a centre's public holiday everything is served, and each group gets temporary seats: the
 * policy's share more agents (50% by default, rounded up), each with the group's usual per-agent
 * capacity. A temporary seat is on duty on holidays only.
 */
public record HolidayPlan(double extraSeatShare) {

    public int extraSeats(int regularAgents) {
        return (int) Math.ceil(regularAgents * extraSeatShare - 1e-9);
    }

    /** The temporary seats of a group: ids {@code holiday-<group>-<n>}, speaking the group's languages. */
    public List<Agent> temporarySeats(SkillGroup group, List<Agent> regulars) {
        List<Agent> regular = regulars.stream().filter(a -> !a.temporary()).toList();
        int capacity = usualCapacity(regular);
        List<Agent> seats = new ArrayList<>();
        for (int n = 1; n <= extraSeats(regular.size()); n++) {
            seats.add(new Agent("holiday-" + group.id() + "-" + n, "Holiday seat " + n + " of " + group.name(),
                    group.centre().id(), group.languages(), Map.of(group.skill(), 3), Set.of(group.certification()),
                    Set.of(group.id()), capacity, 0, Presence.AVAILABLE, null, Set.of(), true));
        }
        return seats;
    }

    /** The median capacity of the regular agents (1 when there are none). */
    static int usualCapacity(List<Agent> regular) {
        if (regular.isEmpty()) {
            return 1;
        }
        int[] capacities = regular.stream().mapToInt(Agent::capacity).sorted().toArray();
        return Math.max(1, capacities[capacities.length / 2]);
    }
}
