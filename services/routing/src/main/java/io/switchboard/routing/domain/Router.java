package io.switchboard.routing.domain;

import io.switchboard.contracts.common.SupportLevel;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The routing decision: which group and which agent a ticket goes to, or where it waits, and why.
 *
 * <ol>
 *   <li>The requirement (certification, level) from the rule table; the level is the higher of it and
 *       the ticket's own (intake's or an escalation's). L3 and the emergency classes are emergencies.</li>
 *   <li>A VIP or enterprise ticket (no emergency) goes to its dedicated manager when present and under
 *       capacity.</li>
 *   <li>Groups that serve the skill, product, language, tier, level and certification, home centre first
 *       (nearest to the customer's time zone). Emergencies go to the emergency group at any hour; other
 *       work only to open groups: the home group, or by follow-the-sun any open centre.</li>
 *   <li>In the first open group with an agent who can take it, the agent its strategy picks; otherwise
 *       the ticket waits in the first open group's queue, or, when none is open, in the queue of the group
 *       that opens first (under the wait policy: the home group's).</li>
 * </ol>
 */
public final class Router {

    private final RoutingPolicy policy;
    private final HolidayPlan holidays;

    public Router(RoutingPolicy policy) {
        this.policy = policy;
        this.holidays = new HolidayPlan(policy.holidayExtraSeats());
    }

    public RoutingPolicy policy() {
        return policy;
    }

    public HolidayPlan holidayPlan() {
        return holidays;
    }

    /**
     * The requirement and the level the ticket is routed at: the rule table's, or, for a ticket escalated
     * above the rule's level, that level with the certification the policy gives it.
     */
    public Requirement requirementFor(RoutingTicket ticket) {
        Requirement rule = policy.requirements().requirementFor(ticket);
        SupportLevel level = higher(rule.level(), ticket.level());
        if (level == rule.level()) {
            return rule;
        }
        Certification certification = policy.levelCertifications().getOrDefault(level, rule.certification());
        return new Requirement(certification, level, "level-certification." + level);
    }

    public boolean isEmergency(RoutingTicket ticket) {
        return ticket.emergency() || requirementFor(ticket).level() == SupportLevel.L3;
    }

    /** A new or re-routed ticket. {@code cause} names the rule of a re-route (ESCALATION), null for a new ticket. */
    public RoutingDecision route(RoutingTicket ticket, Desk desk, Instant now, DecisionRule cause) {
        Requirement requirement = requirementFor(ticket);
        boolean emergency = ticket.emergency() || requirement.level() == SupportLevel.L3;
        Skips skips = new Skips(policy.maxRecordedSkips());

        if (!emergency && policy.dedicatedManagerTiers().contains(ticket.tier())) {
            Optional<Agent> manager = desk.managerOf(ticket);
            if (manager.isEmpty()) {
                if (ticket.accountManagerId() != null) {
                    skips.add(Skip.agent(ticket.accountManagerId(), SkipReason.MANAGER_UNKNOWN));
                }
            } else {
                Agent m = manager.get();
                SkipReason reason = agentSkip(m, ticket, null, now);
                if (reason == null) {
                    String group = m.groups().stream().sorted().findFirst().orElse("dedicated-managers");
                    return new RoutingDecision(RoutingDecision.Outcome.ASSIGNED, group, m.id(), DecisionRule.DEDICATED_MANAGER,
                            "the " + ticket.tier() + " customer's dedicated manager " + m.id() + " is present and has room",
                            requirement, requirement.level(), null, skips.list(), skips.dropped());
                }
                skips.add(Skip.agent(m.id(), reason));
            }
        }

        String skill = policy.skills().skillFor(ticket);
        List<SkillGroup> matching = matchingGroups(ticket, desk, skill, requirement, emergency, skips);
        if (matching.isEmpty()) {
            return new RoutingDecision(RoutingDecision.Outcome.UNROUTABLE, null, null, rule(cause, DecisionRule.SKILL_MATCH, emergency),
                    "no group serves skill " + skill + ", language " + ticket.language() + ", tier " + ticket.tier()
                            + " at " + requirement.level() + " with " + requirement.certification(),
                    requirement, requirement.level(), null, skips.list(), skips.dropped());
        }
        SkillGroup home = home(matching, ticket, now);
        List<SkillGroup> ranked = new ArrayList<>(matching);
        ranked.remove(home);
        ranked.add(0, home);
        if (!emergency && policy.afterHours() == AfterHours.WAIT) {
            ranked.subList(1, ranked.size()).forEach(g -> skips.add(Skip.group(g.id(), SkipReason.NOT_HOME_CENTRE)));
            ranked = List.of(home);
        }

        SkillGroup firstOpen = null;
        for (SkillGroup group : ranked) {
            if (!emergency && !group.isOpen(now)) {
                skips.add(Skip.group(group.id(), SkipReason.CLOSED_HOURS));
                continue;
            }
            if (firstOpen == null) {
                firstOpen = group;
            }
            Optional<Agent> agent = pick(group, ticket, desk, now, skips);
            if (agent.isPresent()) {
                DecisionRule rule = rule(cause, group == home ? DecisionRule.SKILL_MATCH : DecisionRule.FOLLOW_THE_SUN, emergency);
                return new RoutingDecision(RoutingDecision.Outcome.ASSIGNED, group.id(), agent.get().id(), rule,
                        reason(rule, group, agent.get(), ticket, requirement), requirement, requirement.level(), null,
                        skips.list(), skips.dropped());
            }
        }
        if (firstOpen != null) {
            DecisionRule rule = rule(cause, firstOpen == home ? DecisionRule.SKILL_MATCH : DecisionRule.FOLLOW_THE_SUN, emergency);
            return new RoutingDecision(RoutingDecision.Outcome.QUEUED, firstOpen.id(), null, rule,
                    "no agent of " + firstOpen.id() + " can take it now; it waits in the queue", requirement,
                    requirement.level(), null, skips.list(), skips.dropped());
        }
        SkillGroup opensFirst = ranked.stream()
                .min(Comparator.comparing((SkillGroup g) -> g.hours().nextOpening(now).orElse(Instant.MAX)))
                .orElseThrow();
        Instant opening = opensFirst.hours().nextOpening(now).orElse(null);
        return new RoutingDecision(RoutingDecision.Outcome.QUEUED, opensFirst.id(), null, rule(cause, DecisionRule.SKILL_MATCH, false),
                "outside opening hours (" + policy.afterHours() + "): waits for " + opensFirst.id() + " to open"
                        + (opening == null ? "" : " at " + opening),
                requirement, requirement.level(), opening, skips.list(), skips.dropped());
    }

    /** A manual transfer to a group: an agent of that group by its strategy, else its queue. Hours do not stop a person's transfer. */
    public RoutingDecision routeWithin(SkillGroup group, RoutingTicket ticket, Desk desk, Instant now) {
        Requirement requirement = requirementFor(ticket);
        Skips skips = new Skips(policy.maxRecordedSkips());
        Optional<Agent> agent = pick(group, ticket, desk, now, skips);
        if (agent.isPresent()) {
            return new RoutingDecision(RoutingDecision.Outcome.ASSIGNED, group.id(), agent.get().id(), DecisionRule.MANUAL,
                    "transferred to " + group.id() + "; " + group.strategy() + " picked " + agent.get().id(),
                    requirement, group.level(), null, skips.list(), skips.dropped());
        }
        return new RoutingDecision(RoutingDecision.Outcome.QUEUED, group.id(), null, DecisionRule.MANUAL,
                "transferred to " + group.id() + "; no agent can take it now, it waits in the queue",
                requirement, group.level(), null, skips.list(), skips.dropped());
    }

    /** Whether the agent can take the queued ticket for the group now (hours, presence, language, certification, room); null if so, else why not. */
    public SkipReason canTake(Agent agent, SkillGroup group, RoutingTicket ticket, Instant now) {
        if (!group.emergency() && !isEmergency(ticket) && !group.isOpen(now)) {
            return SkipReason.CLOSED_HOURS;
        }
        return agentSkip(agent, ticket, group, now);
    }

    private List<SkillGroup> matchingGroups(RoutingTicket ticket, Desk desk, String skill, Requirement requirement,
                                            boolean emergency, Skips skips) {
        List<SkillGroup> matching = new ArrayList<>();
        if (emergency) {
            List<SkillGroup> emergencyGroups = desk.groups().stream().filter(SkillGroup::emergency).toList();
            for (SkillGroup g : emergencyGroups) {
                if (g.languages().contains(ticket.language())) {
                    matching.add(g);
                } else {
                    skips.add(Skip.group(g.id(), SkipReason.WRONG_LANGUAGE));
                }
            }
            // A live agent matters more than the language: with no emergency group speaking it, any will do.
            return matching.isEmpty() ? emergencyGroups : matching;
        }
        for (SkillGroup g : desk.groups()) {
            SkipReason reason = groupSkip(g, ticket, skill, requirement);
            if (reason == null) {
                matching.add(g);
            } else if (reason != SkipReason.WRONG_SKILL && reason != SkipReason.EMERGENCY_ONLY) {
                // Groups of other product areas are not candidates at all; listing them would bury the real skips.
                skips.add(Skip.group(g.id(), reason));
            }
        }
        return matching;
    }

    private static SkipReason groupSkip(SkillGroup g, RoutingTicket t, String skill, Requirement requirement) {
        if (g.emergency()) {
            return SkipReason.EMERGENCY_ONLY;
        }
        if (!g.skill().equals(skill)) {
            return SkipReason.WRONG_SKILL;
        }
        if (!g.products().isEmpty() && t.product() != null && !g.products().contains(t.product())) {
            return SkipReason.WRONG_PRODUCT;
        }
        if (!g.languages().contains(t.language())) {
            return SkipReason.WRONG_LANGUAGE;
        }
        if (!g.serves(t.tier())) {
            return SkipReason.WRONG_TIER;
        }
        if (g.level() != requirement.level()) {
            return SkipReason.WRONG_LEVEL;
        }
        if (g.certification() != requirement.certification()) {
            return SkipReason.MISSING_CERTIFICATION;
        }
        return null;
    }

    /** Why this agent cannot take the ticket (for {@code group}, or as its manager when null); null if they can. */
    private SkipReason agentSkip(Agent a, RoutingTicket t, SkillGroup group, Instant now) {
        if (t.declinedBy().contains(a.id())) {
            return SkipReason.DECLINED_BEFORE;
        }
        if (a.temporary() && (group == null || !group.centre().isHoliday(now))) {
            return SkipReason.OFFLINE; // a holiday seat is on duty on its centre's holidays only
        }
        SkipReason presence = SkipReason.of(a.presence());
        if (presence != null) {
            return presence;
        }
        if (group != null && !a.languages().contains(t.language()) && !group.emergency()) {
            return SkipReason.WRONG_LANGUAGE;
        }
        if (group != null && !a.certifications().contains(group.certification())) {
            return SkipReason.MISSING_CERTIFICATION;
        }
        Integer skillLevel = group == null ? null : a.skills().get(group.skill());
        if (skillLevel != null && skillLevel < policy.agentSkillLevel(group.level())) { // the group works at the ticket's level
            return SkipReason.SKILL_LEVEL_TOO_LOW;
        }
        if (!a.hasRoom()) {
            return SkipReason.AT_CAPACITY;
        }
        return null;
    }

    private Optional<Agent> pick(SkillGroup group, RoutingTicket ticket, Desk desk, Instant now, Skips skips) {
        List<Agent> able = new ArrayList<>();
        for (Agent a : desk.agentsOf(group.id())) {
            SkipReason reason = agentSkip(a, ticket, group, now);
            if (reason == null) {
                able.add(a);
            } else {
                skips.add(Skip.agent(a.id(), reason));
            }
        }
        return AgentPicker.pick(group.strategy(), able, desk.lastPicked().get(group.id()));
    }

    private SkillGroup home(List<SkillGroup> matching, RoutingTicket ticket, Instant now) {
        ZoneId customerZone = zoneOrNull(ticket.customerTimeZone());
        return matching.stream().min(Comparator
                        .comparingInt((SkillGroup g) -> customerZone == null ? 0 : offsetDistance(g.centre().zone(), customerZone, now))
                        .thenComparing(SkillGroup::id))
                .orElseThrow();
    }

    private static int offsetDistance(ZoneId a, ZoneId b, Instant now) {
        int diff = Math.abs(a.getRules().getOffset(now).getTotalSeconds() - b.getRules().getOffset(now).getTotalSeconds());
        return Math.min(diff, 24 * 3600 - diff);
    }

    private static ZoneId zoneOrNull(String zone) {
        try {
            return zone == null || zone.isBlank() ? null : ZoneId.of(zone);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static DecisionRule rule(DecisionRule cause, DecisionRule chosen, boolean emergency) {
        if (emergency) {
            return DecisionRule.EMERGENCY;
        }
        return cause != null ? cause : chosen;
    }

    private static String reason(DecisionRule rule, SkillGroup group, Agent agent, RoutingTicket t, Requirement requirement) {
        String why = switch (rule) {
            case EMERGENCY -> "emergency (" + (t.emergencyLevel() != null ? t.emergencyLevel() : requirement.level()) + "): the emergency group " + group.id() + " at any hour";
            case FOLLOW_THE_SUN -> "home group closed: follows the sun to " + group.id() + " (" + group.centre().id() + ")";
            case ESCALATION -> "escalated to " + requirement.level() + ": " + group.id();
            default -> group.id() + " serves " + group.skill() + " in " + t.language() + " at " + group.level()
                    + " with " + group.certification();
        };
        return why + "; " + group.strategy() + " picked " + agent.id() + " (" + agent.load() + "/" + agent.capacity() + ")";
    }

    private static SupportLevel higher(SupportLevel a, SupportLevel b) {
        if (b == null || b == SupportLevel.UNKNOWN) {
            return a;
        }
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** Skips in the order met, up to a cap; the rest counted. */
    private static final class Skips {
        private final int cap;
        private final List<Skip> list = new ArrayList<>();
        private int dropped;

        Skips(int cap) {
            this.cap = cap;
        }

        void add(Skip skip) {
            if (list.size() < cap) {
                list.add(skip);
            } else {
                dropped++;
            }
        }

        List<Skip> list() {
            return list;
        }

        int dropped() {
            return dropped;
        }
    }
}
