package io.switchboard.escalation.incident;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.escalation.clock.FactCodec;
import io.switchboard.escalation.clock.SlaTicketRow;
import io.switchboard.escalation.clock.TicketClocks;
import io.switchboard.escalation.domain.SlaPolicy;
import io.switchboard.escalation.domain.TicketFact;
import io.switchboard.escalation.policy.Policies;
import io.switchboard.eventing.postgres.Outbox;
import io.switchboard.web.errors.InvalidInputException;
import io.switchboard.web.errors.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A supervisor declares a major incident and links tickets to it; the incident's updates then cover them all. */
@ApplicationScoped
public class IncidentDesk {

    private final MajorIncidents incidents;
    private final TicketClocks clocks;
    private final FactCodec codec;
    private final Policies policies;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final Clock clock;

    IncidentDesk(MajorIncidents incidents, TicketClocks clocks, FactCodec codec, Policies policies, Outbox outbox,
                 EntityManager entityManager, Clock clock) {
        this.incidents = incidents;
        this.clocks = clocks;
        this.codec = codec;
        this.policies = policies;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    public String declare(String summary, EmergencyLevel level, List<String> ticketIds, String by) {
        String id = "MI-" + UUID.randomUUID();
        link(id, summary, level, ticketIds, by);
        return id;
    }

    @Transactional
    public void linkMore(String incidentId, List<String> ticketIds, String by) {
        MajorIncidentRow row = entityManager.find(MajorIncidentRow.class, incidentId);
        if (row == null) {
            throw new ResourceNotFoundException("major incident " + incidentId);
        }
        link(incidentId, row.summary, row.emergencyLevel == null ? null : EmergencyLevel.valueOf(row.emergencyLevel), ticketIds, row.declaredBy);
    }

    private void link(String incidentId, String summary, EmergencyLevel level, List<String> ticketIds, String by) {
        Instant now = clock.instant();
        List<MajorIncidents.Link> links = new ArrayList<>();
        // Ticket rows first, in id order, then the incident: the one lock order of the service.
        List<String> sorted = ticketIds.stream().distinct().sorted().toList();
        for (String ticketId : sorted) {
            SlaTicketRow row = clocks.lock(ticketId);
            TicketFact.Opened opened = row == null ? null : codec.facts(row.facts).stream().filter(TicketFact.Opened.class::isInstance)
                    .map(TicketFact.Opened.class::cast).findFirst().orElse(null);
            if (opened == null) {
                throw new InvalidInputException("ticketIds[" + ticketIds.indexOf(ticketId) + "]", "ticket " + ticketId + " is not known to the SLA desk");
            }
            if (row.incidentId == null) {
                row.incidentId = incidentId;
            }
            links.add(new MajorIncidents.Link(ticketId, opened.customerId(), opened.product(), opened.region(),
                    opened.problemStartedAt() != null ? opened.problemStartedAt() : opened.at()));
        }
        SlaPolicy policy = policies.history().at(now);
        outbox.publishAll(Topic.SLA, incidents.declare(incidentId, summary, level, policy.responseTeam(level), by, now, policy, links));
    }
}
