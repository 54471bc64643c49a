package io.switchboard.compensation.claim;

import io.switchboard.compensation.rest.RequestFields;
import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.compensation.domain.Period;
import io.switchboard.contracts.compensation.ClaimDecision;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Customers claim compensation here (agents may file for them); agents decide the claims sent to review. */
@Path("/api/v1/compensation/claims")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClaimResource {

    private final Claims claims;
    private final Caller caller;

    ClaimResource(Claims claims, Caller caller) {
        this.claims = claims;
        this.caller = caller;
    }

    /** A claim: the customer comes from a customer's token; staff name it. */
    public record ClaimRequest(String customerId, String subscriptionId, String periodFrom, String periodUntil,
                               String evidence, String ticketId) {
    }

    /** An agent's decision on a claim under review. */
    public record Review(String decision, String amount, String reason) {
    }

    @POST
    @RolesAllowed({Roles.CUSTOMER, Roles.AGENT, Roles.SUPERVISOR})
    @Transactional
    @Operation(summary = "File a claim for a period of a subscription: approved at once when the ledger shows it, refused out of window, else under review")
    public Response file(ClaimRequest body) {
        if (body == null) {
            throw new InvalidFieldException("body", "is required");
        }
        String customerId = caller.isCustomer() ? caller.customerId() : body.customerId();
        if (caller.isCustomer() && body.customerId() != null && !body.customerId().equals(customerId)) {
            throw new io.switchboard.web.errors.NotPermittedException("a customer token may claim only for its own customer", "customerId");
        }
        RequestFields.text("customerId", customerId, 64);
        RequestFields.text("subscriptionId", body.subscriptionId(), 64);
        if (body.evidence() != null && body.evidence().length() > 4000) {
            throw new InvalidFieldException("evidence", "at most 4000 characters");
        }
        if (body.ticketId() != null) {
            RequestFields.text("ticketId", body.ticketId(), 64);
        }
        Instant from = instant("periodFrom", body.periodFrom());
        Instant until = instant("periodUntil", body.periodUntil());
        Period period;
        try {
            period = new Period(from, until);
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException("periodUntil", "must be after periodFrom");
        }
        ClaimRow row = claims.file(new Claims.Claim(customerId, body.subscriptionId(), period, body.evidence(), body.ticketId(),
                caller.actor()));
        return Response.status(201).entity(view(row)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CUSTOMER, Roles.AGENT, Roles.SUPERVISOR})
    @Operation(summary = "A claim and its decision")
    public Map<String, Object> get(@PathParam("id") String id) {
        ClaimRow row = ClaimRow.findById(id);
        if (row == null) {
            throw new ResourceNotFoundException("claim " + id);
        }
        caller.requireOwnCustomer(row.customerId);
        return view(row);
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Transactional
    @Operation(summary = "Decide a claim under review: APPROVED or PARTIALLY_APPROVED with an amount, or REJECTED")
    public Map<String, Object> decide(@PathParam("id") String id, Review body) {
        if (body == null) {
            throw new InvalidFieldException("body", "is required");
        }
        ClaimDecision decision = RequestFields.choice(ClaimDecision.class, "decision", body.decision());
        RequestFields.text("reason", body.reason(), 2000);
        BigDecimal amount = RequestFields.amount("amount", body.amount());
        return view(claims.review(id, decision, amount, body.reason(), caller.actor()));
    }

    static Map<String, Object> view(ClaimRow row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("claimId", row.id);
        view.put("customerId", row.customerId);
        view.put("subscriptionId", row.subscriptionId);
        view.put("periodFrom", row.periodFrom.toString());
        view.put("periodUntil", row.periodUntil.toString());
        view.put("billingMonth", row.billingMonth.toString().substring(0, 7));
        view.put("status", row.status);
        view.put("reason", row.reason);
        view.put("approvedAmount", row.approvedAmount == null ? null : row.approvedAmount.toPlainString());
        view.put("currency", row.currency);
        view.put("decidedBy", row.decidedBy);
        return view;
    }


    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "'" + value + "' is not an ISO 8601 UTC instant");
        }
    }
}
