package io.switchboard.routing.rest;

import io.switchboard.routing.agent.AgentDirectory;
import io.switchboard.routing.agent.AgentRow;
import io.switchboard.routing.domain.Certification;
import io.switchboard.routing.domain.Presence;
import io.switchboard.routing.ticket.RoutedTicket;
import io.switchboard.routing.ticket.TicketRepository;
import io.switchboard.routing.ticket.Transfers;
import io.switchboard.web.errors.NotPermittedException;
import io.switchboard.web.errors.ResourceNotFoundException;
import io.switchboard.web.security.Caller;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Agents: definitions (operators, supervisors), presence, workload and worklist (the agent, supervisors). */
@Path("/api/v1/routing/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentResource {

    public record AgentBody(@NotBlank @Size(max = 200) String name,
                            @NotBlank @Pattern(regexp = DeskResource.ID) String centre,
                            @NotEmpty @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z]{2}") String> languages,
                            @NotNull @Size(max = 30) Map<@Pattern(regexp = DeskResource.ID) String, @NotNull @Min(1) @Max(5) Integer> skills,
                            @NotNull @Size(max = 4) List<@NotNull Certification> certifications,
                            @NotEmpty @Size(max = 20) List<@NotBlank String> groups,
                            @Min(0) @Max(50) int capacity,
                            @Size(max = 500) List<@NotBlank @Size(max = 64) String> managedCustomers,
                            @Size(max = 1000) String roster) {
    }

    public record PresenceBody(@NotNull Presence presence) {
    }

    public record DeclineBody(@NotBlank @Size(max = 500) String reason) {
    }

    /** An agent and the tickets they hold now. */
    public record Workload(AgentRow agent, List<RoutedTicket> tickets) {
    }

    private final AgentDirectory directory;
    private final TicketRepository tickets;
    private final Transfers transfers;
    private final Caller caller;

    AgentResource(AgentDirectory directory, TicketRepository tickets, Transfers transfers, Caller caller) {
        this.directory = directory;
        this.tickets = tickets;
        this.transfers = transfers;
        this.caller = caller;
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR})
    public Response put(@PathParam("id") @Pattern(regexp = DeskResource.ID) String id, @Valid @NotNull AgentBody b) {
        boolean created = directory.define(id, new AgentDirectory.Definition(b.name(), b.centre(), b.languages(), b.skills(),
                b.certifications(), b.groups(), b.capacity(), b.managedCustomers(), b.roster()));
        return Response.status(created ? 201 : 200).entity(workload(id)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    public Workload get(@PathParam("id") String id) {
        requireSelfOrSupervisor(id);
        return workload(id);
    }

    @PUT
    @Path("/{id}/presence")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.SYSTEM})
    public Workload presence(@PathParam("id") String id, @Valid @NotNull PresenceBody body) {
        requireSelfOrSupervisor(id);
        directory.setPresence(id, body.presence());
        return workload(id);
    }

    @GET
    @Path("/{id}/worklist")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    public List<RoutedTicket> worklist(@PathParam("id") String id) {
        requireSelfOrSupervisor(id);
        return tickets.worklist(id);
    }

    @POST
    @Path("/{id}/worklist/{ticketId}/decline")
    @RolesAllowed(Roles.AGENT)
    public RoutedTicket decline(@PathParam("id") String id, @PathParam("ticketId") String ticketId, @Valid @NotNull DeclineBody body) {
        if (!id.equals(caller.actor())) {
            throw new NotPermittedException("only " + id + " may decline from their own worklist");
        }
        return transfers.decline(ticketId, id, body.reason());
    }

    private Workload workload(String id) {
        AgentRow row = AgentRow.findById(id);
        if (row == null) {
            throw new ResourceNotFoundException("agent " + id);
        }
        return new Workload(row, tickets.worklist(id));
    }

    private void requireSelfOrSupervisor(String id) {
        if (caller.is(Roles.AGENT) && !caller.is(Roles.SUPERVISOR) && !caller.is(Roles.OPERATOR) && !caller.is(Roles.SYSTEM)
                && !id.equals(caller.actor())) {
            throw new NotPermittedException("an agent sees and changes only their own presence and worklist");
        }
    }
}
