package io.switchboard.routing.ticket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Time from routing to assignment per language and hour, added to as assignments are made: the queue
 * view's measured answer time reads these few rows, not every ticket assigned in the hour.
 */
@ApplicationScoped
public class AnswerTimes {

    private final EntityManager em;

    AnswerTimes(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String language, Instant at, int assigned, double seconds) {
        em.createNativeQuery("insert into answer_time (language, hour_start, assigned, seconds_total) values (?1, ?2, ?3, ?4) "
                        + "on conflict (language, hour_start) do update set assigned = answer_time.assigned + excluded.assigned, "
                        + "seconds_total = answer_time.seconds_total + excluded.seconds_total")
                .setParameter(1, language).setParameter(2, Timestamp.from(at.truncatedTo(ChronoUnit.HOURS)))
                .setParameter(3, assigned).setParameter(4, seconds).executeUpdate();
    }
}
