package io.switchboard.routing.rest;

import io.switchboard.routing.ticket.DecisionRow;
import io.switchboard.routing.ticket.RoutedTicket;
import io.switchboard.routing.ticket.TicketRepository;
import io.switchboard.routing.ticket.Transfers;
import io.switchboard.web.errors.ResourceNotFoundException;
import io.switchboard.web.security.Caller;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** A ticket's routing: where it is and its whole history of decisions; manual transfers. */
@Path("/api/v1/routing/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketResource {

    public record TransferBody(@Size(max = 64) String group, @Size(max = 64) String agent,
                               @NotBlank @Size(max = 500) String reason) {
    }

    /** Where the ticket is now and every decision about it, oldest first. */
    public record RoutingHistory(RoutedTicket ticket, List<DecisionRow> history) {
    }

    private final TicketRepository tickets;
    private final Transfers transfers;
    private final Caller caller;

    TicketResource(TicketRepository tickets, Transfers transfers, Caller caller) {
        this.tickets = tickets;
        this.transfers = transfers;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    public RoutingHistory get(@PathParam("id") String id) {
        RoutedTicket ticket = RoutedTicket.findById(id);
        if (ticket == null) {
            throw new ResourceNotFoundException("ticket " + id);
        }
        return new RoutingHistory(ticket, tickets.history(id));
    }

    @POST
    @Path("/{id}/transfer")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    public RoutingHistory transfer(@PathParam("id") String id, @Valid @NotNull TransferBody body) {
        transfers.transfer(id, body.group(), body.agent(), body.reason(), caller.actor());
        return get(id);
    }
}
