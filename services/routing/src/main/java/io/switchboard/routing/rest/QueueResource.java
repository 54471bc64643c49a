package io.switchboard.routing.rest;

import io.switchboard.routing.ticket.QueueView;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The queues now, per group and per language. */
@Path("/api/v1/routing/queues")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    private final QueueView view;

    QueueResource(QueueView view) {
        this.view = view;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    public QueueView.Queues queues() {
        return view.compute();
    }
}
