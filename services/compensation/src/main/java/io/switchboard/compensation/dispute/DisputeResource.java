package io.switchboard.compensation.dispute;

import io.switchboard.compensation.rest.RequestFields;
import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.compensation.domain.Money;
import io.switchboard.contracts.compensation.DisputeLevel;
import io.switchboard.contracts.compensation.DisputeOutcome;
import io.switchboard.web.errors.NotPermittedException;
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
import java.util.LinkedHashMap;
import java.util.Map;

/** Disputes: customers (or agents for them) open them; agents and supervisors decide them. */
@Path("/api/v1/compensation/disputes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DisputeResource {

    private final Disputes disputes;
    private final Caller caller;

    DisputeResource(Disputes disputes, Caller caller) {
        this.disputes = disputes;
        this.caller = caller;
    }

    /** A dispute as opened. */
    public record DisputeRequest(String customerId, String level, String description, String ticketId, String claimId,
                                 String claimedAmount, String currency) {
    }

    /** A decision. */
    public record Decision(String outcome, String subscriptionId, String awardedAmount, String reason) {
    }

    @POST
    @RolesAllowed({Roles.CUSTOMER, Roles.AGENT, Roles.SUPERVISOR})
    @Transactional
    @Operation(summary = "Open a dispute (LEVEL_1 SLA missed, LEVEL_2 data loss, LEVEL_3 resource allocation); its deadline follows the level")
    public Response open(DisputeRequest body) {
        if (body == null) {
            throw new InvalidFieldException("body", "is required");
        }
        String customerId = caller.isCustomer() ? caller.customerId() : body.customerId();
        if (caller.isCustomer() && body.customerId() != null && !body.customerId().equals(customerId)) {
            throw new NotPermittedException("a customer token may dispute only for its own customer", "customerId");
        }
        RequestFields.text("customerId", customerId, 64);
        RequestFields.text("description", body.description(), 4000);
        DisputeLevel level = RequestFields.choice(DisputeLevel.class, "level", body.level());
        if (body.ticketId() != null) {
            RequestFields.text("ticketId", body.ticketId(), 64);
        }
        if (body.claimId() != null) {
            RequestFields.text("claimId", body.claimId(), 40);
        }
        Money claimed = null;
        if (body.claimedAmount() != null) {
            try {
                claimed = new Money(new BigDecimal(body.claimedAmount()), Money.currency(body.currency()));
            } catch (NumberFormatException e) {
                throw new InvalidFieldException("claimedAmount", "'" + body.claimedAmount() + "' is not a decimal amount");
            }
            if (claimed.amount().signum() <= 0 || claimed.amount().stripTrailingZeros().scale() > 2
                    || claimed.amount().compareTo(new BigDecimal("1000000000000")) >= 0) {
                throw new InvalidFieldException("claimedAmount", "must be positive, below 1,000,000,000,000, at most 2 decimals");
            }
            claimed = claimed.rounded(java.math.RoundingMode.UNNECESSARY);
        }
        DisputeRow row = disputes.open(new Disputes.Opening(customerId, level, body.description(), body.ticketId(),
                body.claimId(), claimed, caller.actor()));
        return Response.status(201).entity(view(row)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CUSTOMER, Roles.AGENT, Roles.SUPERVISOR})
    @Operation(summary = "A dispute, its deadlines, stage and decision")
    public Map<String, Object> get(@PathParam("id") String id) {
        DisputeRow row = DisputeRow.findById(id);
        if (row == null) {
            throw new ResourceNotFoundException("dispute " + id);
        }
        caller.requireOwnCustomer(row.customerId);
        return view(row);
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Transactional
    @Operation(summary = "Decide a dispute: UPHELD or PARTIALLY_UPHELD (an award is credited to the named subscription) or REJECTED")
    public Map<String, Object> decide(@PathParam("id") String id, Decision body) {
        if (body == null) {
            throw new InvalidFieldException("body", "is required");
        }
        DisputeOutcome outcome = RequestFields.choice(DisputeOutcome.class, "outcome", body.outcome());
        RequestFields.text("reason", body.reason(), 2000);
        BigDecimal award = RequestFields.amount("awardedAmount", body.awardedAmount());
        return view(disputes.decide(id, outcome, body.subscriptionId(), award, body.reason(), caller.actor()));
    }

    static Map<String, Object> view(DisputeRow row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("disputeId", row.id);
        view.put("customerId", row.customerId);
        view.put("level", row.level);
        view.put("status", row.status);
        view.put("stage", row.stage);
        view.put("openedAt", row.openedAt.toString());
        view.put("decisionDueAt", row.decisionDueAt.toString());
        view.put("committeeAt", row.committeeAt.toString());
        view.put("outcome", row.outcome);
        view.put("decidingBody", row.decidingBody);
        view.put("awardedAmount", row.awardedAmount == null ? null : row.awardedAmount.toPlainString());
        view.put("creditId", row.creditId);
        view.put("reason", row.reason);
        return view;
    }
}
