package io.switchboard.escalation.clock;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.escalation.config.EscalationSettings;
import io.switchboard.escalation.incident.MajorIncidentRow;
import io.switchboard.escalation.incident.MajorIncidents;
import io.switchboard.eventing.RelayWorker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable timers: each ticket's and each major incident's {@code next_due_at} column. A poller
 * in every instance claims due rows with {@code FOR UPDATE SKIP LOCKED} and settles them in the same
 * transaction that writes their events to the outbox, so a timer fires once with any number of
 * instances, and a timer that fell due while no instance ran fires at the next start. Nothing is held
 * only in memory.
 */
@ApplicationScoped
public class DueTimers {

    private static final Logger LOG = Logger.getLogger(DueTimers.class);

    private final EntityManager entityManager;
    private final TicketClocks tickets;
    private final MajorIncidents incidents;
    private final EscalationSettings settings;
    private final Clock clock;
    private final List<RelayWorker> workers = new ArrayList<>();

    DueTimers(EntityManager entityManager, TicketClocks tickets, MajorIncidents incidents, EscalationSettings settings, Clock clock) {
        this.entityManager = entityManager;
        this.tickets = tickets;
        this.incidents = incidents;
        this.settings = settings;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (settings.timers().enabled()) {
            startFiring();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopFiring();
    }

    /** Starts this instance's poller (at start-up unless {@code timers.enabled=false}). */
    public synchronized void startFiring() {
        if (!workers.isEmpty()) {
            return;
        }
        for (int i = 0; i < settings.timers().threads(); i++) {
            RelayWorker worker = new RelayWorker("sla-timers-" + i, this::fireDue, new RelayWorker.Timing(settings.timers().batchSize(),
                settings.timers().pollInterval(), Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(10)),
                    (inARow, backoff, failure) -> LOG.warnf(failure, "firing due SLA timers failed (%d in a row), next try in %s", inARow, backoff));
            worker.start();
            workers.add(worker);
        }
    }

    /** Stops this instance's poller after the batch in flight; due rows wait in the database for any poller. */
    public synchronized void stopFiring() {
        workers.forEach(w -> w.stop(Duration.ofSeconds(5)));
        workers.clear();
    }

    /** Fires one batch of due tickets and one of due incidents; returns the larger count (a full batch means: go on). */
    public int fireDue() {
        int ticketCount = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<SlaTicketRow> due = entityManager.createNativeQuery("select * from sla_ticket where next_due_at <= ?1 "
                            + "order by next_due_at limit ?2 for update skip locked", SlaTicketRow.class)
                    .setParameter(1, now).setParameter(2, settings.timers().batchSize()).getResultList();
            tickets.fire(due, now);
            return due.size();
        });
        int incidentCount = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            List<String> due = claim("select incident_id from major_incident where next_due_at <= ?1 order by next_due_at limit ?2 for update skip locked", now);
            for (String id : due) {
                incidents.fire(entityManager.find(MajorIncidentRow.class, id), now);
            }
            return due.size();
        });
        return Math.max(ticketCount, incidentCount);
    }

    @SuppressWarnings("unchecked")
    private List<String> claim(String sql, Instant now) {
        return entityManager.createNativeQuery(sql).setParameter(1, now).setParameter(2, settings.timers().batchSize()).getResultList();
    }
}
