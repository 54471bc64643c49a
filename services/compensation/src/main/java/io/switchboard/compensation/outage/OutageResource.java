package io.switchboard.compensation.outage;

import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.web.errors.ResourceNotFoundException;
import io.switchboard.web.security.Caller;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Operators declare and correct outages here; recorded by the same code as the inbound topic's events (the
 * service never writes that topic).
 */
@Path("/api/v1/compensation/outages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OutageResource {

    private final OutageService outages;
    private final Caller caller;

    OutageResource(OutageService outages, Caller caller) {
        this.outages = outages;
        this.caller = caller;
    }

    /** An outage as an operator declares it. */
    public record Declaration(String outageId, String product, String region, List<String> customerIds,
                              List<String> resourceIds, String summary, String startedAt, String endedAt) {
    }

    /** The outage's real times (and, optionally, scope). */
    public record Correction(String startedAt, String endedAt, List<String> customerIds, List<String> resourceIds,
                             String reason) {
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Transactional
    @Operation(summary = "Declare an outage, open or with its end; idempotent by outageId (generated when absent)")
    public Response declare(Declaration body) {
        if (body == null) {
            throw new InvalidFieldException("body", "is required");
        }
        String id = body.outageId() == null ? "outage-" + UUID.randomUUID() : body.outageId();
        OutageChange change = new OutageChange(id, body.product(), body.region(), list(body.customerIds()),
                list(body.resourceIds()), body.summary(), instant("startedAt", body.startedAt(), true),
                instant("endedAt", body.endedAt(), false), caller.actor(), null).validated();
        OutageService.Outcome outcome = change.endedAt() == null ? outages.report(change) : outages.end(change);
        return Response.status(outcome.changed() ? 201 : 200).entity(view(outcome)).build();
    }

    @POST
    @Path("/{id}/corrections")
    @RolesAllowed(Roles.OPERATOR)
    @Transactional
    @Operation(summary = "Correct an outage's times or scope: the months it touches are settled again (adjustments)")
    public Map<String, Object> correct(@PathParam("id") String id, Correction body) {
        if (body == null) {
            throw new InvalidFieldException("body", "is required");
        }
        OutageRow row = OutageRow.findById(id);
        if (row == null) {
            throw new ResourceNotFoundException("outage " + id);
        }
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > 500) {
            throw new InvalidFieldException("reason", "is required, at most 500 characters");
        }
        OutageChange change = new OutageChange(id, row.product, row.region,
                body.customerIds() == null ? row.customerIds : body.customerIds(), body.resourceIds(), null,
                instant("startedAt", body.startedAt(), true), instant("endedAt", body.endedAt(), false), caller.actor(),
                body.reason()).validated();
        return view(outages.correct(change));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.AGENT, Roles.SUPERVISOR, Roles.SYSTEM})
    @Operation(summary = "An outage as recorded")
    public Map<String, Object> get(@PathParam("id") String id) {
        OutageRow row = OutageRow.findById(id);
        if (row == null) {
            throw new ResourceNotFoundException("outage " + id);
        }
        return view(new OutageService.Outcome(row, false, null));
    }

    private static Map<String, Object> view(OutageService.Outcome outcome) {
        OutageRow row = outcome.outage();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("outageId", row.id);
        view.put("product", row.product);
        view.put("region", row.region);
        view.put("customerIds", row.customerIds);
        view.put("resourceIds", row.resourceIds);
        view.put("summary", row.summary);
        view.put("startedAt", row.startedAt.toString());
        view.put("endedAt", row.endedAt == null ? null : row.endedAt.toString());
        view.put("revision", row.revision);
        if (outcome.settled() != null) {
            view.put("monthsSettled", outcome.settled().monthsSettled());
            view.put("creditsIssued", outcome.settled().credits());
            view.put("adjustments", outcome.settled().adjustments());
        }
        return view;
    }

    private static List<String> list(List<String> ids) {
        return ids == null ? List.of() : ids;
    }

    static Instant instant(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidFieldException(field, "is required");
            }
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "'" + value + "' is not an ISO 8601 UTC instant such as 2026-11-03T10:00:00Z");
        }
    }
}
