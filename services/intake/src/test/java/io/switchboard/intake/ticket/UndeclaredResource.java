package io.switchboard.intake.ticket;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** An endpoint that forgot to declare its roles: the kit must refuse it, never leave it open (see AuthTest). */
@Path("/api/v1/test-only/undeclared")
public class UndeclaredResource {

    @GET
    public String open() {
        return "should never be served";
    }
}
