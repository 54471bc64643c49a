package io.switchboard.routing.ticket;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.routing.domain.ErlangC;
import io.switchboard.routing.domain.RoutingPolicy;
import io.switchboard.routing.domain.SkillGroup;
import io.switchboard.routing.group.DeskReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queues as supervisors see them: per group depth, oldest wait, agents present and free, and the
 * expected wait; per language the answer target against the measured time to assignment (the last full hour and the current one).
 * The same figures are Prometheus gauges, refreshed each time the view is computed (by the queue sweep).
 */
@ApplicationScoped
public class QueueView {

    public record GroupQueue(String group, String centre, boolean open, int depth, long oldestWaitSeconds, int agentsPresent,
                             int agentsFree, long expectedWaitSeconds) {
    }

    public record LanguageAnswer(String language, int targetSeconds, Double measuredSeconds, long assignedLastHour, boolean met) {
    }

    public record Queues(Instant at, List<GroupQueue> groups, List<LanguageAnswer> languages) {
    }

    private final EntityManager em;
    private final DeskReader desks;
    private final RoutingPolicy policy;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, GroupQueue> latest = new ConcurrentHashMap<>();
    private final Map<String, LanguageAnswer> latestLanguages = new ConcurrentHashMap<>();

    QueueView(EntityManager em, DeskReader desks, RoutingPolicy policy, Clock clock, MeterRegistry registry) {
        this.em = em;
        this.desks = desks;
        this.policy = policy;
        this.clock = clock;
        this.registry = registry;
    }

    @SuppressWarnings("unchecked")
    public Queues compute() {
        Instant now = clock.instant();
        Map<String, Object[]> queued = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select group_id, count(*), min(queued_at) from routed_ticket "
                + "where status = 'QUEUED' group by group_id").getResultList()) {
            queued.put((String) r[0], r);
        }
        Map<String, int[]> staffing = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select g.value, "
                + "count(*) filter (where a.presence in ('AVAILABLE', 'BUSY')), "
                + "count(*) filter (where a.presence = 'AVAILABLE' and a.load < a.capacity) "
                + "from agent a, jsonb_array_elements_text(a.groups) g group by g.value").getResultList()) {
            staffing.put((String) r[0], new int[]{((Number) r[1]).intValue(), ((Number) r[2]).intValue()});
        }
        // Arrival rate per group: the tickets counted in the last full hour and the current one, over the time they span.
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        double span = Duration.between(hour.minus(Duration.ofHours(1)), now).toMillis() / 1000.0;
        Map<String, Double> arrivalsPerSecond = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select group_id, sum(tickets) from arrival where hour_start >= ?1 group by group_id")
                .setParameter(1, Timestamp.from(hour.minus(Duration.ofHours(1)))).getResultList()) {
            arrivalsPerSecond.put((String) r[0], ((Number) r[1]).doubleValue() / span);
        }
        List<GroupQueue> groups = new ArrayList<>();
        long handling = policy.handlingTime().toSeconds();
        for (SkillGroup g : desks.groups().values().stream().sorted(java.util.Comparator.comparing(SkillGroup::id)).toList()) {
            Object[] q = queued.get(g.id());
            int depth = q == null ? 0 : ((Number) q[1]).intValue();
            Instant oldest = q == null ? null : toInstant(q[2]);
            int[] staff = staffing.getOrDefault(g.id(), new int[]{0, 0});
            long oldestWait = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds());
            long expected = ErlangC.expectedWaitSeconds(staff[0], arrivalsPerSecond.getOrDefault(g.id(), 0.0), handling, depth);
            GroupQueue gq = new GroupQueue(g.id(), g.centre().id(), g.isOpen(now), depth, oldestWait, staff[0], staff[1], expected);
            groups.add(gq);
            if (latest.put(g.id(), gq) == null) {
                Gauge.builder("switchboard_routing_queue_depth", latest, m -> m.get(g.id()).depth()).tag("group", g.id()).register(registry);
                Gauge.builder("switchboard_routing_queue_oldest_wait_seconds", latest, m -> m.get(g.id()).oldestWaitSeconds()).tag("group", g.id()).register(registry);
                Gauge.builder("switchboard_routing_agents_present", latest, m -> m.get(g.id()).agentsPresent()).tag("group", g.id()).register(registry);
                Gauge.builder("switchboard_routing_agents_free", latest, m -> m.get(g.id()).agentsFree()).tag("group", g.id()).register(registry);
            }
        }
        List<LanguageAnswer> languages = new ArrayList<>();
        // Kept per language and hour as assignments are made (AnswerTimes): the last full hour and the current one.
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select language, sum(seconds_total) / nullif(sum(assigned), 0), sum(assigned) "
                + "from answer_time where hour_start >= ?1 group by language order by language")
                .setParameter(1, Timestamp.from(hour.minus(Duration.ofHours(1)))).getResultList()) {
            String language = (String) r[0];
            int target = policy.answerTargetSeconds(language);
            Double measured = r[1] == null ? null : ((Number) r[1]).doubleValue();
            LanguageAnswer la = new LanguageAnswer(language, target, measured, ((Number) r[2]).longValue(), measured == null || measured <= target);
            languages.add(la);
            if (latestLanguages.put(language, la) == null) {
                Gauge.builder("switchboard_routing_time_to_assign_seconds", latestLanguages,
                        m -> m.get(language).measuredSeconds() == null ? 0 : m.get(language).measuredSeconds()).tag("language", language).register(registry);
                Gauge.builder("switchboard_routing_answer_target_seconds", latestLanguages, m -> m.get(language).targetSeconds())
                        .tag("language", language).register(registry);
            }
        }
        return new Queues(now, groups, languages);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return value instanceof Instant i ? i : null;
    }
}
