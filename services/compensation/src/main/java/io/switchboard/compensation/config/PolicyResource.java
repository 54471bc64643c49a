package io.switchboard.compensation.config;

import io.switchboard.compensation.audit.AuditTrail;
import io.switchboard.compensation.domain.CreditPolicy;
import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.web.security.Caller;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Credit policies and their versions; operators add versions. The audit trail of any subject, for staff. */
@Path("/api/v1/compensation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final PolicyCatalog policies;
    private final AuditTrail audit;
    private final Caller caller;

    PolicyResource(PolicyCatalog policies, AuditTrail audit, Caller caller) {
        this.policies = policies;
        this.audit = audit;
        this.caller = caller;
    }

    /** A policy version in its spec format. */
    public record PolicySpec(String spec) {
    }

    @GET
    @Path("/policies")
    @RolesAllowed({Roles.OPERATOR, Roles.AGENT, Roles.SUPERVISOR, Roles.SYSTEM})
    @Operation(summary = "Every credit policy version")
    public List<Map<String, Object>> list() {
        return policies.all().stream().sorted(Comparator.comparing(CreditPolicy::id).thenComparing(CreditPolicy::version))
                .map(p -> Map.<String, Object>of("id", p.id(), "version", p.version(), "spec", p.toSpec())).toList();
    }

    @POST
    @Path("/policies")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Add a policy version (the next version of its id); it applies to months settled after it")
    public Response add(PolicySpec body) {
        if (body == null || body.spec() == null || body.spec().length() > 4000) {
            throw new InvalidFieldException("spec", "is required, at most 4000 characters");
        }
        CreditPolicy policy;
        try {
            policy = CreditPolicy.parse(body.spec());
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException("spec." + e.field(), e.problem());
        }
        policies.add(policy, caller.actor());
        return Response.status(201).entity(Map.of("id", policy.id(), "version", policy.version(), "spec", policy.toSpec())).build();
    }

    @GET
    @Path("/audit/{subjectType}/{subjectId}")
    @RolesAllowed({Roles.OPERATOR, Roles.SUPERVISOR})
    @Operation(summary = "The audit trail of a subject (ledger-month, outage, claim, dispute, sla-breach, subscription)")
    public List<Map<String, Object>> audit(@PathParam("subjectType") String type, @PathParam("subjectId") String id) {
        return audit.about(type, id);
    }
}
