package io.switchboard.escalation.rest;

import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.escalation.clock.ClockRows;
import io.switchboard.escalation.clock.Escalations;
import io.switchboard.escalation.clock.FactCodec;
import io.switchboard.escalation.clock.SlaTicketRow;
import io.switchboard.escalation.clock.TicketClocks;
import io.switchboard.escalation.domain.MajorIncident;
import io.switchboard.escalation.domain.TicketSla;
import io.switchboard.escalation.incident.IncidentDesk;
import io.switchboard.escalation.incident.MajorIncidentRow;
import io.switchboard.escalation.incident.MajorIncidents;
import io.switchboard.web.Text;
import io.switchboard.web.errors.ResourceNotFoundException;
import io.switchboard.web.security.Caller;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Tickets' SLA clocks, the at-risk list, escalation by hand and major incidents, under {@code /api/v1/sla}. */
@Path("/api/v1/sla")
@Produces(MediaType.APPLICATION_JSON)
public class SlaResource {

    static final String ID = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";

    private final TicketClocks clocks;
    private final ClockRows clockRows;
    private final Escalations escalations;
    private final IncidentDesk incidentDesk;
    private final MajorIncidents incidents;
    private final FactCodec codec;
    private final EntityManager entityManager;
    private final Caller caller;

    SlaResource(TicketClocks clocks, ClockRows clockRows, Escalations escalations, IncidentDesk incidentDesk, MajorIncidents incidents,
                FactCodec codec, EntityManager entityManager, Caller caller) {
        this.clocks = clocks;
        this.clockRows = clockRows;
        this.escalations = escalations;
        this.incidentDesk = incidentDesk;
        this.incidents = incidents;
        this.codec = codec;
        this.entityManager = entityManager;
        this.caller = caller;
    }

    @GET
    @Path("/tickets/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    @Transactional
    public TicketSlaView ticket(@PathParam("id") @Pattern(regexp = ID, message = "must be a ticket id") String id) {
        TicketSla sla = clocks.view(id).filter(s -> s.opened() != null)
                .orElseThrow(() -> new ResourceNotFoundException("ticket " + id));
        SlaTicketRow row = entityManager.find(SlaTicketRow.class, id);
        return TicketSlaView.of(id, sla, codec.keys(row.published), row.incidentId);
    }

    @GET
    @Path("/at-risk")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    public List<ClockRows.AtRisk> atRisk(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return clockRows.atRisk(limit);
    }

    /** Why a supervisor escalates, and to which level (the next one when left out). */
    public record EscalationRequest(@NotBlank @Size(max = 500) String reason, SupportLevel toLevel) {
    }

    @POST
    @Path("/tickets/{id}/escalate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    public TicketSlaView escalate(@PathParam("id") @Pattern(regexp = ID, message = "must be a ticket id") String id,
                                  @Valid @NotNull EscalationRequest request) {
        Text.requireSingleLine("reason", request.reason());
        if (request.toLevel() != null && request.toLevel().name().equals("UNKNOWN")) {
            throw new io.switchboard.web.errors.InvalidInputException("toLevel", "must be L1, L2 or L3");
        }
        escalations.escalate(id, request.toLevel(), request.reason(), caller.actor());
        return ticket(id);
    }

    /** A major incident and the tickets it covers. */
    public record IncidentRequest(@NotBlank @Size(max = 500) String summary, EmergencyLevel emergencyLevel,
                                  @NotEmpty @Size(max = 500) List<@NotNull @Pattern(regexp = ID, message = "must be a ticket id") String> ticketIds) {
    }

    public record LinkRequest(@NotEmpty @Size(max = 500) List<@NotNull @Pattern(regexp = ID, message = "must be a ticket id") String> ticketIds) {
    }

    public record IncidentView(String id, String summary, String emergencyLevel, String responseTeam, String declaredBy, Instant declaredAt,
                               Instant impactStartedAt, List<MajorIncident.Linked> tickets, int updatesSent, boolean compensationReviewSent,
                               Instant nextDueAt) {
    }

    @POST
    @Path("/major-incidents")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    public Response declare(@Valid @NotNull IncidentRequest request) {
        Text.requireSingleLine("summary", request.summary());
        if (request.emergencyLevel() != null && request.emergencyLevel().name().equals("UNKNOWN")) {
            throw new io.switchboard.web.errors.InvalidInputException("emergencyLevel", "must be LEVEL_1, LEVEL_2 or LEVEL_3");
        }
        String id = incidentDesk.declare(request.summary(), request.emergencyLevel(), request.ticketIds(), caller.actor());
        return Response.created(URI.create("/api/v1/sla/major-incidents/" + id)).entity(incident(id)).build();
    }

    @POST
    @Path("/major-incidents/{id}/tickets")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    public IncidentView link(@PathParam("id") @Pattern(regexp = ID, message = "must be an incident id") String id,
                             @Valid @NotNull LinkRequest request) {
        incidentDesk.linkMore(id, request.ticketIds(), caller.actor());
        return incident(id);
    }

    @GET
    @Path("/major-incidents/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    @Transactional
    public IncidentView incident(@PathParam("id") @Pattern(regexp = ID, message = "must be an incident id") String id) {
        MajorIncidentRow row = entityManager.find(MajorIncidentRow.class, id);
        if (row == null) {
            throw new ResourceNotFoundException("major incident " + id);
        }
        MajorIncident incident = incidents.incident(row);
        return new IncidentView(row.incidentId, row.summary, row.emergencyLevel, row.responseTeam, row.declaredBy, row.declaredAt,
                row.impactStartedAt, incident.tickets(), row.updatesSent, row.reviewSent, row.nextDueAt);
    }
}
