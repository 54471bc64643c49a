package io.switchboard.routing.ticket;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.calendar.CalendarSpec;
import io.switchboard.contracts.routing.RerouteReason;
import io.switchboard.routing.agent.AgentDirectory;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.domain.ShiftRoster;
import io.switchboard.routing.domain.Agent;
import io.switchboard.routing.domain.Presence;
import io.switchboard.routing.domain.Router;
import io.switchboard.routing.domain.SkillGroup;
import io.switchboard.routing.group.DeskReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The safety net behind "served at once": every few seconds, tickets waiting for an opening that has
 * come are decided again, holiday seats are put on duty, agents with room serve their queues (also
 * catching capacity that freed in another instance while a ticket was being queued), and the queue
 * gauges are refreshed.
 */
@ApplicationScoped
public class QueueSweep {

    private static final Logger LOG = Logger.getLogger(QueueSweep.class);

    private final TicketRepository tickets;
    private final Assignments assignments;
    private final DeskReader desks;
    private final Router router;
    private final QueueView view;
    private final EntityManager em;
    private final RoutingConfig config;
    private final Clock clock;
    private final AgentDirectory agentsDirectory;
    private ScheduledExecutorService executor;

    QueueSweep(TicketRepository tickets, Assignments assignments, DeskReader desks, Router router, QueueView view,
               EntityManager em, RoutingConfig config, Clock clock, AgentDirectory agentsDirectory) {
        this.agentsDirectory = agentsDirectory;
        this.tickets = tickets;
        this.assignments = assignments;
        this.desks = desks;
        this.router = router;
        this.view = view;
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "routing-queue-sweep"));
        long period = config.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sweepQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf(e, "queue sweep failed; next in %s", config.sweepInterval());
        }
    }

    /** One pass; public so that tests run it without waiting. */
    public void sweep() {
        for (String id : QuarkusTransaction.requiringNew().call(() -> tickets.dueForAnotherDecision(clock.instant(), 200))) {
            QuarkusTransaction.requiringNew().run(() -> tickets.lock(id).ifPresent(row -> {
                if (row.status == RoutedTicket.Status.QUEUED || row.status == RoutedTicket.Status.UNROUTABLE) {
                    assignments.route(row, null, "REDECIDED", TicketRouting.SYSTEM,
                            new Assignments.Previous(row.groupId, null, RerouteReason.HOURS, "decided again after its wait"));
                }
            }));
        }
        QuarkusTransaction.requiringNew().run(this::staffHolidaySeats);
        applyRosters();
        List<String> queued = QuarkusTransaction.requiringNew().call(tickets::groupsWithQueue);
        List<String> withRoom = QuarkusTransaction.requiringNew().call(() -> desks.agentsOf(queued).stream()
                .filter(a -> Presence.AVAILABLE.name().equals(a.presence) && a.load < a.capacity).map(a -> a.id).toList());
        for (String agent : withRoom) {
            QuarkusTransaction.requiringNew().run(() -> assignments.serve(agent));
        }
        QuarkusTransaction.requiringNew().run(view::compute);
    }

    /** Agents with a shift roster come on and go off with their shifts; coming on serves their queues. */
    private void applyRosters() {
        record Change(String agent, Presence presence) {
        }
        List<Change> changes = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, io.switchboard.routing.domain.Centre> centres = new java.util.HashMap<>();
            io.switchboard.routing.group.CentreRow.<io.switchboard.routing.group.CentreRow>listAll()
                    .forEach(c -> centres.put(c.id, DeskReader.toCentre(c)));
            List<Change> found = new java.util.ArrayList<>();
            for (io.switchboard.routing.agent.AgentRow a : io.switchboard.routing.agent.AgentRow.<io.switchboard.routing.agent.AgentRow>list("roster is not null")) {
                io.switchboard.routing.domain.Centre centre = centres.get(a.centreId);
                if (centre == null || a.roster.isBlank()) {
                    continue;
                }
                Presence next = ShiftRoster.presenceAt(CalendarSpec.parse(DeskReader.hoursSpec(a.roster, centre)), clock.instant(),
                        Presence.valueOf(a.presence));
                if (next != null) {
                    found.add(new Change(a.id, next));
                }
            }
            return found;
        });
        for (Change c : changes) {
            agentsDirectory.setPresence(c.agent(), c.presence());
        }
    }

    /** On a centre's public holiday its groups get their temporary seats (created once, on duty on holidays only). */
    private void staffHolidaySeats() {
        for (SkillGroup group : desks.groups().values()) {
            if (!group.centre().isHoliday(clock.instant())) {
                continue;
            }
            List<Agent> regulars = desks.agentsOf(List.of(group.id())).stream().map(DeskReader::toAgent).filter(a -> !a.temporary()).toList();
            for (Agent seat : router.holidayPlan().temporarySeats(group, regulars)) {
                em.createNativeQuery("insert into agent (id, name, centre_id, languages, skills, certifications, groups, capacity, presence, "
                                + "presence_since, managed_customers, temporary, updated_at) values (?1, ?2, ?3, cast(?4 as jsonb), cast(?5 as jsonb), "
                                + "cast(?6 as jsonb), cast(?7 as jsonb), ?8, 'AVAILABLE', ?9, '[]', true, ?9) on conflict do nothing")
                        .setParameter(1, seat.id()).setParameter(2, seat.name()).setParameter(3, seat.centre())
                        .setParameter(4, jsonArray(seat.languages())).setParameter(5, "{\"" + group.skill() + "\": 3}")
                        .setParameter(6, jsonArray(seat.certifications().stream().map(Enum::name).toList()))
                        .setParameter(7, jsonArray(seat.groups())).setParameter(8, seat.capacity())
                        .setParameter(9, Timestamp.from(clock.instant())).executeUpdate();
            }
        }
    }

    private static String jsonArray(java.util.Collection<String> values) {
        return values.stream().sorted().map(v -> "\"" + v.replace("\"", "") + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

}
