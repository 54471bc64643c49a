package io.switchboard.routing.forecast;

import io.switchboard.routing.domain.RoutingPolicy;
import io.switchboard.routing.domain.SeatForecast;
import io.switchboard.routing.domain.SkillGroup;
import io.switchboard.routing.group.DeskReader;
import io.switchboard.web.errors.InvalidInputException;
import io.switchboard.web.errors.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The seats forecast of a group from its arrival history and the declared peak events. */
@ApplicationScoped
public class SeatPlanning {

    /** A group's forecast: the answer target it plans for and each hour ahead. */
    public record GroupForecast(String group, int answerTargetSeconds, double serviceLevel, String handlingTime,
                                List<SeatForecast.HourForecast> hours) {
    }

    private final EntityManager em;
    private final DeskReader desks;
    private final RoutingPolicy policy;
    private final Clock clock;

    SeatPlanning(EntityManager em, DeskReader desks, RoutingPolicy policy, Clock clock) {
        this.em = em;
        this.desks = desks;
        this.policy = policy;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    @Transactional
    public GroupForecast forecast(String groupId, Integer hours) {
        SkillGroup group = desks.group(groupId);
        if (group == null) {
            throw new ResourceNotFoundException("skill group " + groupId);
        }
        int horizon = hours == null ? policy.horizonHours() : hours;
        if (horizon < 1 || horizon > 24 * 14) {
            throw new InvalidInputException("hours", "from 1 to 336");
        }
        Instant now = clock.instant();
        Map<Instant, Integer> arrivals = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select hour_start, tickets from arrival where group_id = ?1 and hour_start >= ?2")
                .setParameter(1, groupId).setParameter(2, Timestamp.from(now.minus(Duration.ofDays(7L * policy.historyWeeks() + 1))))
                .getResultList()) {
            arrivals.put(instant(r[0]), ((Number) r[1]).intValue());
        }
        List<SeatForecast.PeakEvent> peaks = ((List<Object[]>) em.createNativeQuery(
                        "select starts_on, ends_on, multiplier from peak_event where group_id is null or group_id = ?1")
                .setParameter(1, groupId).getResultList()).stream()
                .map(r -> new SeatForecast.PeakEvent(date(r[0]), date(r[1]), ((Number) r[2]).doubleValue())).toList();
        // The group answers at its strictest language's target.
        int target = group.languages().stream().mapToInt(policy::answerTargetSeconds).min().orElse(policy.defaultAnswerTarget());
        return new GroupForecast(groupId, target, policy.serviceLevel(), policy.handlingTime().toString(),
                SeatForecast.of(policy).forecast(arrivals, now, horizon, group.centre().zone(), target, peaks));
    }

    @Transactional
    public String declarePeak(String groupId, LocalDate from, LocalDate to, BigDecimal multiplier, String note) {
        if (groupId != null && desks.group(groupId) == null) {
            throw new InvalidInputException("group", "no skill group '" + groupId + "'");
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "ends before it starts");
        }
        String id = "peak-" + UUID.randomUUID();
        em.createNativeQuery("insert into peak_event (id, group_id, starts_on, ends_on, multiplier, note) values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, id).setParameter(2, groupId).setParameter(3, Date.valueOf(from)).setParameter(4, Date.valueOf(to))
                .setParameter(5, multiplier).setParameter(6, note).executeUpdate();
        return id;
    }

    private static Instant instant(Object v) {
        return v instanceof Timestamp t ? t.toInstant() : v instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) v;
    }

    private static LocalDate date(Object v) {
        return v instanceof Date d ? d.toLocalDate() : (LocalDate) v;
    }
}
