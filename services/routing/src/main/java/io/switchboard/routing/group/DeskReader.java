package io.switchboard.routing.group;

import io.switchboard.calendar.CalendarSpec;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.routing.agent.AgentMemory;
import io.switchboard.routing.agent.AgentRow;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.domain.Agent;
import io.switchboard.routing.domain.AgentStrategy;
import io.switchboard.routing.domain.Centre;
import io.switchboard.routing.domain.Certification;
import io.switchboard.routing.domain.Desk;
import io.switchboard.routing.domain.Presence;
import io.switchboard.routing.domain.SkillGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.Query;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the desk a decision is made among: the groups (cached briefly: they change rarely) and the
 * agents of the groups that can matter, from the desk held in memory ({@link AgentMemory}).
 */
@ApplicationScoped
public class DeskReader {

    private final EntityManager em;
    private final AgentMemory memory;
    private final Clock clock;
    private final RoutingConfig config;
    private volatile Groups cached;

    private record Groups(Map<String, SkillGroup> byId, Instant readAt) {
    }

    DeskReader(EntityManager em, AgentMemory memory, Clock clock, RoutingConfig config) {
        this.em = em;
        this.memory = memory;
        this.clock = clock;
        this.config = config;
    }

    /** Every group, as the domain sees it. */
    public Map<String, SkillGroup> groups() {
        Groups g = cached;
        if (g == null || g.readAt().plus(config.groupCacheTtl()).isBefore(clock.instant())) {
            g = new Groups(readGroups(), clock.instant());
            cached = g;
        }
        return g.byId();
    }

    /**
     * The group by id, read again from the database when the cached groups lack it: a group another request
     * has just created may be missing from groups cached by a reader that ran before that request committed.
     */
    public SkillGroup group(String id) {
        SkillGroup group = groups().get(id);
        if (group == null) {
            invalidate();
            group = groups().get(id);
        }
        return group;
    }

    /** Forgets the cached groups, after a change of a group or centre. */
    public void invalidate() {
        cached = null;
    }

    /**
     * These groups, their members from the desk held in memory (candidates first, at most
     * {@code switchboard.routing.candidates-per-decision}), and the named extra agents (a manager).
     */
    public Desk deskOf(Collection<SkillGroup> groups, Collection<Agent> extraAgents) {
        Map<String, Agent> agents = new HashMap<>();
        for (Agent a : memory.candidates(groups.stream().map(SkillGroup::id).toList(), config.candidatesPerDecision())) {
            agents.put(a.id(), a);
        }
        for (Agent a : extraAgents) {
            agents.putIfAbsent(a.id(), a);
        }
        List<String> roundRobin = groups.stream().filter(g -> g.strategy() == AgentStrategy.ROUND_ROBIN).map(SkillGroup::id).toList();
        return Desk.of(groups, agents.values()).withLastPicked(lastPicked(roundRobin));
    }

    /** The previous round-robin pick of each of these groups that has one, in one query. */
    @SuppressWarnings("unchecked")
    private Map<String, String> lastPicked(List<String> groupIds) {
        if (groupIds.isEmpty()) {
            return Map.of();
        }
        // last_picked is written only by native updates, which reach the database at once: reading it needs no
        // flush, and the automatic one would dirty-check the whole persistence context of a batch for every
        // decision (12% of routing's CPU samples in the mesh's profile).
        List<Object[]> rows = em.createNativeQuery("select id, last_picked from skill_group where id in (:ids) and last_picked is not null")
                .setParameter("ids", groupIds)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList();
        Map<String, String> picks = new HashMap<>();
        for (Object[] row : rows) {
            picks.put((String) row[0], (String) row[1]);
        }
        return picks;
    }

    /** Members of any of the groups (one GIN-indexed containment test per group). */
    public List<AgentRow> agentsOf(List<String> groupIds) {
        return members(groupIds);
    }

    @SuppressWarnings("unchecked")
    private List<AgentRow> members(List<String> groupIds) {
        if (groupIds.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("select * from agent where (");
        for (int i = 0; i < groupIds.size(); i++) {
            sql.append(i == 0 ? "" : " or ").append("groups @> cast(?").append(i + 1).append(" as jsonb)");
        }
        sql.append(")");
        Query q = em.createNativeQuery(sql.toString(), AgentRow.class);
        for (int i = 0; i < groupIds.size(); i++) {
            q.setParameter(i + 1, "[\"" + groupIds.get(i).replace("\"", "") + "\"]");
        }
        return q.getResultList();
    }

    private Map<String, SkillGroup> readGroups() {
        Map<String, Centre> centres = CentreRow.<CentreRow>listAll().stream()
                .collect(Collectors.toMap(c -> c.id, DeskReader::toCentre));
        Map<String, SkillGroup> groups = new LinkedHashMap<>();
        for (SkillGroupRow row : SkillGroupRow.<SkillGroupRow>list("order by id")) {
            Centre centre = centres.get(row.centreId);
            if (centre != null) {
                groups.put(row.id, toGroup(row, centre));
            }
        }
        return Map.copyOf(groups);
    }

    public static Centre toCentre(CentreRow row) {
        return new Centre(row.id, ZoneId.of(row.zone), row.publicHolidays.stream().map(LocalDate::parse).collect(Collectors.toSet()));
    }

    public static SkillGroup toGroup(SkillGroupRow row, Centre centre) {
        return new SkillGroup(row.id, row.name, row.skill, Set.copyOf(row.products), Set.copyOf(row.languages),
                Certification.valueOf(row.certification), SupportLevel.valueOf(row.level),
                row.tiers.stream().map(CustomerTier::valueOf).collect(Collectors.toSet()), centre,
                CalendarSpec.parse(hoursSpec(row.hours, centre)), AgentStrategy.valueOf(row.strategy), row.emergency);
    }

    /** A group's hours are written without a zone: the centre's applies ({@code 24x7} stays as it is, in UTC, which is the same). */
    public static String hoursSpec(String hours, Centre centre) {
        return hours.strip().equalsIgnoreCase("24x7") ? "24x7" : "zone=" + centre.zone() + "; " + hours;
    }

    public static Agent toAgent(AgentRow row) {
        return new Agent(row.id, row.name, row.centreId, Set.copyOf(row.languages), Map.copyOf(row.skills),
                row.certifications.stream().map(Certification::valueOf).collect(Collectors.toSet()), Set.copyOf(row.groups),
                row.capacity, row.load, Presence.valueOf(row.presence), row.lastAssignedAt, Set.copyOf(row.managedCustomers),
                row.temporary);
    }
}
