package io.switchboard.escalation.rest;

import io.switchboard.calendar.CalendarSpec;
import io.switchboard.escalation.domain.SlaPolicy;
import io.switchboard.escalation.policy.Policies;
import io.switchboard.web.errors.InvalidInputException;
import io.switchboard.web.errors.ResourceNotFoundException;
import io.switchboard.web.security.Caller;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLA policy's versions and the business calendars in them. Publishing writes a new version
 * (validated as a whole); running clocks keep the version they started under.
 */
@Path("/api/v1/sla")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final Policies policies;
    private final Caller caller;

    PolicyResource(Policies policies, Caller caller) {
        this.policies = policies;
        this.caller = caller;
    }

    public record PolicyView(String policyId, int version, Instant effectiveFrom, Map<String, String> entries) {
        static PolicyView of(SlaPolicy p) {
            return new PolicyView(p.id(), p.version(), p.effectiveFrom(), p.entries());
        }
    }

    public record VersionSummary(int version, Instant effectiveFrom) {
    }

    /** A new version: its entries (policy format), and when it takes effect (now when left out). */
    public record PolicyRequest(@NotEmpty @Size(max = 500) Map<@NotBlank @Size(max = 200) String, @NotNull @Size(max = 2000) String> entries,
                                Instant effectiveFrom) {
    }

    public record CalendarRequest(@NotBlank @Size(max = 2000) String spec) {
    }

    public record CalendarView(String calendarId, String spec, int policyVersion) {
    }

    @GET
    @Path("/policy")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    public PolicyView current() {
        return PolicyView.of(policies.history().latest());
    }

    @GET
    @Path("/policy/versions")
    @RolesAllowed({Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    public List<VersionSummary> versions() {
        return policies.history().versions().stream().map(p -> new VersionSummary(p.version(), p.effectiveFrom())).toList();
    }

    @GET
    @Path("/policy/versions/{version}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    public PolicyView version(@PathParam("version") int version) {
        return PolicyView.of(policies.version(version));
    }

    @POST
    @Path("/policy/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Response publish(@Valid @NotNull PolicyRequest request) {
        SlaPolicy published = policies.publish(request.entries(), request.effectiveFrom(), caller.actor());
        return Response.created(URI.create("/api/v1/sla/policy/versions/" + published.version())).entity(PolicyView.of(published)).build();
    }

    @GET
    @Path("/calendars")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    public List<CalendarView> calendars() {
        SlaPolicy latest = policies.history().latest();
        return latest.calendars().entrySet().stream().map(e -> new CalendarView(e.getKey(), e.getValue().toSpec(), latest.version())).toList();
    }

    @GET
    @Path("/calendars/{calendarId}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    public CalendarView calendar(@PathParam("calendarId") String calendarId) {
        SlaPolicy latest = policies.history().latest();
        var calendar = latest.calendars().get(calendarId);
        if (calendar == null) {
            throw new ResourceNotFoundException("calendar " + calendarId);
        }
        return new CalendarView(calendarId, calendar.toSpec(), latest.version());
    }

    /** Sets one calendar (new or changed) by publishing the next policy version with it. */
    @PUT
    @Path("/calendars/{calendarId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public CalendarView putCalendar(@PathParam("calendarId") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}",
            message = "must be 1-63 lower-case letters, digits or '-'") String calendarId, @Valid @NotNull CalendarRequest request) {
        try {
            CalendarSpec.parse(request.spec());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("spec", e.getMessage());
        }
        Map<String, String> entries = new LinkedHashMap<>(policies.withCalendar(calendarId, request.spec()));
        SlaPolicy published = policies.publish(entries, null, caller.actor());
        return new CalendarView(calendarId, published.calendars().get(calendarId).toSpec(), published.version());
    }
}
