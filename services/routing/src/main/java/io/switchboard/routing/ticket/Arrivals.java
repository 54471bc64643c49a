package io.switchboard.routing.ticket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Ticket arrivals per group and hour: the history the seats forecast learns from. */
@ApplicationScoped
public class Arrivals {

    private final EntityManager em;

    Arrivals(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void count(String groupId, Instant openedAt) {
        add(groupId, openedAt, 1);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String groupId, Instant at, int tickets) {
        em.createNativeQuery("insert into arrival (group_id, hour_start, tickets) values (?1, ?2, ?3) "
                        + "on conflict (group_id, hour_start) do update set tickets = arrival.tickets + excluded.tickets")
                .setParameter(1, groupId).setParameter(2, Timestamp.from(at.truncatedTo(ChronoUnit.HOURS)))
                .setParameter(3, tickets).executeUpdate();
    }
}
