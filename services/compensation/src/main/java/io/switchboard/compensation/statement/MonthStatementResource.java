package io.switchboard.compensation.statement;

import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The month's statements of every customer, page by page in customer id order (the billing system's monthly run);
 * each statement is the one {@code GET /customers/{id}/statements/{month}} answers.
 */
@Path("/api/v1/compensation/statements")
@Produces(MediaType.APPLICATION_JSON)
public class MonthStatementResource {

    static final int MAX_PAGE = 1_000;

    private final Statements statements;

    MonthStatementResource(Statements statements) {
        this.statements = statements;
    }

    @GET
    @Path("/{month}")
    @RolesAllowed({Roles.SYSTEM, Roles.SUPERVISOR, Roles.OPERATOR})
    @Operation(summary = "A page of every customer's statement for a month (yyyy-MM), after the customer id 'after'; "
            + "'next' is the 'after' of the next page, absent on the last")
    public Map<String, Object> page(@PathParam("month") String month, @QueryParam("after") String after,
                                    @QueryParam("limit") @DefaultValue("500") String limit) {
        YearMonth yearMonth = StatementResource.month(month);
        int size;
        try {
            size = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidFieldException("limit", "'" + limit + "' is not a page size from 1 to " + MAX_PAGE);
        }
        if (after != null && after.length() > 64) {
            throw new InvalidFieldException("after", "a customer id of at most 64 characters");
        }
        Statements.Page page = statements.page(yearMonth, after, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("month", month);
        body.put("statements", page.statements());
        if (page.next() != null) {
            body.put("next", page.next());
        }
        return body;
    }
}
