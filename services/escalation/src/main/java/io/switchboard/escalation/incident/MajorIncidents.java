package io.switchboard.escalation.incident;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.sla.CompensationReviewDue;
import io.switchboard.contracts.sla.MajorIncidentDeclared;
import io.switchboard.contracts.sla.ProgressUpdateDue;
import io.switchboard.escalation.domain.MajorIncident;
import io.switchboard.escalation.domain.SlaPolicy;
import io.switchboard.eventing.postgres.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Major incidents: declared for a ticket that reaches L3 or an emergency class, or by a supervisor
 * for many tickets; hourly progress updates and the compensation review come from their timer.
 * Locks: a ticket's row before an incident's, never the other way round.
 */
@ApplicationScoped
public class MajorIncidents {

    /** A ticket as an incident links it. */
    public record Link(String ticketId, String customerId, String product, String region, Instant problemStartedAt) {
    }

    private final EntityManager entityManager;
    private final Outbox outbox;

    MajorIncidents(EntityManager entityManager, Outbox outbox) {
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    /** Declares an incident (if {@code incidentId} is new) and links the tickets; returns the MajorIncidentDeclared events, one per newly linked ticket. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Outbox.Message> declare(String incidentId, String summary, EmergencyLevel level, String team, String by,
                                        Instant at, SlaPolicy policy, List<Link> tickets) {
        MajorIncidentRow row = entityManager.find(MajorIncidentRow.class, incidentId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new MajorIncidentRow();
            row.incidentId = incidentId;
            row.summary = summary.length() > 500 ? summary.substring(0, 500) : summary;
            row.emergencyLevel = level == null ? null : level.name();
            row.responseTeam = team;
            row.declaredBy = by;
            row.declaredAt = at;
            row.impactStartedAt = tickets.stream().map(Link::problemStartedAt).filter(t -> t != null).min(Instant::compareTo).orElse(at);
            row.progressIntervalSeconds = policy.progressInterval().toSeconds();
            row.reviewAfterSeconds = policy.compensationReviewAfter().toSeconds();
            entityManager.persist(row);
        }
        List<Outbox.Message> declared = new ArrayList<>();
        for (Link link : tickets) {
            int added = entityManager.createNativeQuery("insert into major_incident_ticket (incident_id, ticket_id, customer_id, product, region, linked_at) "
                            + "values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing")
                    .setParameter(1, incidentId).setParameter(2, link.ticketId()).setParameter(3, link.customerId())
                    .setParameter(4, link.product()).setParameter(5, link.region()).setParameter(6, at).executeUpdate();
            if (link.problemStartedAt() != null && link.problemStartedAt().isBefore(row.impactStartedAt)) {
                row.impactStartedAt = link.problemStartedAt();
            }
            if (added == 1) {
                declared.add(new Outbox.Message(link.ticketId(), MajorIncidentDeclared.newBuilder().setTicketId(link.ticketId())
                        .setMajorIncidentId(incidentId).setEmergencyLevel(level).setSummary(row.summary).setResponseTeam(row.responseTeam)
                        .setProgressUpdateIntervalMinutes((int) (row.progressIntervalSeconds / 60)).setDeclaredBy(by)
                        .setDeclaredAt(row.declaredAt).build()));
            }
        }
        reschedule(row, at);
        return declared;
    }

    /** A linked ticket was resolved (or reopened: {@code resolvedAt} null); the incidents it belongs to re-plan their timer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void ticketResolved(String ticketId, Instant resolvedAt, Instant now) {
        @SuppressWarnings("unchecked")
        List<String> incidents = entityManager.createNativeQuery("update major_incident_ticket set resolved_at = ?2 where ticket_id = ?1 "
                        + "and resolved_at is distinct from ?2 returning incident_id")
                .setParameter(1, ticketId).setParameter(2, resolvedAt).getResultList();
        for (String id : incidents) {
            reschedule(entityManager.find(MajorIncidentRow.class, id, LockModeType.PESSIMISTIC_WRITE), now);
        }
    }

    /** Fires what the incident owes at {@code now}: the latest due progress update, the compensation review. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fire(MajorIncidentRow row, Instant now) {
        MajorIncident incident = incident(row);
        List<String> ticketIds = incident.tickets().stream().map(MajorIncident.Linked::ticketId).toList();
        String subject = ticketIds.isEmpty() ? row.incidentId : ticketIds.get(0);
        List<Outbox.Message> out = new ArrayList<>();
        incident.updateDue(now).ifPresent(sequence -> {
            out.add(new Outbox.Message(subject, ProgressUpdateDue.newBuilder().setTicketId(subject).setMajorIncidentId(row.incidentId)
                    .setTicketIds(ticketIds).setSequence(sequence).setDueAt(incident.updateTime(sequence)).build()));
            row.updatesSent = sequence;
        });
        if (incident.reviewDue(now)) {
            @SuppressWarnings("unchecked")
            List<Object[]> where = entityManager.createNativeQuery("select min(product), min(region) from major_incident_ticket where incident_id = ?1")
                    .setParameter(1, row.incidentId).getResultList();
            out.add(new Outbox.Message(subject, CompensationReviewDue.newBuilder().setTicketId(subject).setMajorIncidentId(row.incidentId)
                    .setCustomerIds(incident.tickets().stream().map(MajorIncident.Linked::customerId).filter(c -> c != null).distinct().toList())
                    .setTicketIds(ticketIds).setProduct((String) where.get(0)[0]).setRegion((String) where.get(0)[1])
                    .setImpactStartedAt(row.impactStartedAt).setImpactMinutes(incident.impactMinutes(now))
                    .setDueAt(incident.reviewTime()).build()));
            row.reviewSent = true;
        }
        outbox.publishAll(Topic.SLA, out);
        reschedule(row, now);
    }

    public MajorIncident incident(MajorIncidentRow row) {
        @SuppressWarnings("unchecked")
        List<Object[]> links = entityManager.createNativeQuery("select ticket_id, customer_id, resolved_at from major_incident_ticket "
                + "where incident_id = ?1 order by linked_at, ticket_id").setParameter(1, row.incidentId).getResultList();
        List<MajorIncident.Linked> tickets = links.stream().map(l -> new MajorIncident.Linked((String) l[0], (String) l[1],
                l[2] == null ? null : toInstant(l[2]))).toList();
        return new MajorIncident(row.incidentId, row.declaredAt, row.impactStartedAt, Duration.ofSeconds(row.progressIntervalSeconds),
                Duration.ofSeconds(row.reviewAfterSeconds), tickets, row.updatesSent, row.reviewSent);
    }

    private void reschedule(MajorIncidentRow row, Instant now) {
        MajorIncident incident = incident(row);
        row.nextDueAt = incident.nextDueAt(now, row.updatesSent, row.reviewSent);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) return i;
        if (value instanceof java.time.OffsetDateTime o) return o.toInstant();
        if (value instanceof java.sql.Timestamp t) return t.toInstant();
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
