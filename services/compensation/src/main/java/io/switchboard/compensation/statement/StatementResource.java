package io.switchboard.compensation.statement;

import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.web.security.Caller;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Statements per customer and month; a customer reads only its own (the customer id comes from the token). */
@Path("/api/v1/compensation/customers/{customerId}/statements")
@Produces(MediaType.APPLICATION_JSON)
public class StatementResource {

    private final Statements statements;
    private final Caller caller;

    StatementResource(Statements statements, Caller caller) {
        this.statements = statements;
        this.caller = caller;
    }

    @GET
    @Path("/{month}")
    @RolesAllowed({Roles.CUSTOMER, Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR})
    @Operation(summary = "The customer's compensation statement for a month (yyyy-MM): availability, outages, policy and arithmetic")
    public Map<String, Object> get(@PathParam("customerId") String customerId, @PathParam("month") String month) {
        caller.requireOwnCustomer(customerId);
        return statements.statement(customerId, month(month));
    }

    static YearMonth month(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("month", "'" + month + "' is not a month such as 2026-11");
        }
    }
}
