package io.switchboard.compensation.subscription;

import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.compensation.domain.Subscription;
import io.switchboard.compensation.config.CompensationConfig;
import io.switchboard.web.errors.ResourceNotFoundException;
import io.switchboard.web.security.Caller;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The billing system keeps subscriptions in sync here, one at a time or in bulk; both are idempotent. */
@Path("/api/v1/compensation/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private final SubscriptionService subscriptions;
    private final Caller caller;
    private final CompensationConfig config;

    SubscriptionResource(SubscriptionService subscriptions, Caller caller, CompensationConfig config) {
        this.subscriptions = subscriptions;
        this.caller = caller;
        this.config = config;
    }

    /** A subscription's terms as the billing system sends them. */
    public record Terms(String subscriptionId, String customerId, String product, String region, List<String> resourceIds,
                        String monthlyFee, String currency, String commitment, String billingTimeZone, String policyId) {
    }

    /** Many subscriptions at once. */
    public record Bulk(List<Terms> subscriptions) {
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.SYSTEM, Roles.OPERATOR})
    @Transactional
    @Operation(summary = "Create or update one subscription; the same terms again change nothing (200)")
    public Response put(@PathParam("id") String id, Terms body) {
        if (body == null) {
            throw new InvalidFieldException("body", "is required");
        }
        if (body.subscriptionId() != null && !body.subscriptionId().equals(id)) {
            throw new InvalidFieldException("subscriptionId", "differs from the path's id " + id);
        }
        Subscription s = validated(id, body, "");
        SubscriptionService.Outcome outcome = subscriptions.upsertAll(List.of(s), caller.actor()).get(0);
        return Response.status(outcome == SubscriptionService.Outcome.CREATED ? 201 : 200)
                .entity(view(SubscriptionRow.findById(id), outcome)).build();
    }

    @POST
    @Path("/bulk")
    @RolesAllowed({Roles.SYSTEM, Roles.OPERATOR})
    @Transactional
    @Operation(summary = "Create or update many subscriptions in one transaction: all are validated first, any bad one refuses the whole request")
    public Map<String, Object> bulk(Bulk body) {
        if (body == null || body.subscriptions() == null || body.subscriptions().isEmpty()) {
            throw new InvalidFieldException("subscriptions", "at least one subscription is required");
        }
        if (body.subscriptions().size() > config.bulkLimit()) {
            throw new InvalidFieldException("subscriptions", "at most " + config.bulkLimit() + " per request");
        }
        List<Subscription> valid = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < body.subscriptions().size(); i++) {
            Terms t = body.subscriptions().get(i);
            String prefix = "subscriptions[" + i + "].";
            if (t == null) {
                throw new InvalidFieldException("subscriptions[" + i + "]", "is null");
            }
            Subscription s = validated(t.subscriptionId(), t, prefix);
            if (!ids.add(s.id())) {
                throw new InvalidFieldException(prefix + "subscriptionId", s.id() + " appears twice in the request");
            }
            valid.add(s);
        }
        List<SubscriptionService.Outcome> outcomes = subscriptions.upsertAll(valid, caller.actor());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (SubscriptionService.Outcome o : SubscriptionService.Outcome.values()) {
            counts.put(o.name().toLowerCase(), outcomes.stream().filter(o::equals).count());
        }
        return counts;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SYSTEM, Roles.OPERATOR, Roles.AGENT, Roles.SUPERVISOR})
    @Operation(summary = "One subscription's terms")
    public Map<String, Object> get(@PathParam("id") String id) {
        SubscriptionRow row = SubscriptionRow.findById(id);
        if (row == null) {
            throw new ResourceNotFoundException("subscription " + id);
        }
        return view(row, null);
    }

    private Subscription validated(String id, Terms t, String prefix) {
        try {
            return subscriptions.withPolicy(Subscription.validated(id, t.customerId(), t.product(), t.region(), t.resourceIds(),
                    t.monthlyFee(), t.currency(), t.commitment(), t.billingTimeZone(), t.policyId()), prefix);
        } catch (InvalidFieldException e) {
            if (e.field().startsWith(prefix) && !prefix.isEmpty()) {
                throw e;
            }
            throw new InvalidFieldException(prefix + e.field(), e.problem());
        }
    }

    static Map<String, Object> view(SubscriptionRow row, SubscriptionService.Outcome outcome) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("subscriptionId", row.id);
        view.put("customerId", row.customerId);
        view.put("product", row.product);
        view.put("region", row.region);
        view.put("resourceIds", row.resourceIds);
        view.put("monthlyFee", row.monthlyFee.toPlainString());
        view.put("currency", row.currency);
        view.put("commitment", row.commitment.stripTrailingZeros().toPlainString());
        view.put("billingTimeZone", row.billingZone);
        view.put("policyId", row.policyId);
        if (outcome != null) {
            view.put("outcome", outcome.name());
        }
        return view;
    }
}
