package io.switchboard.routing.rest;

import io.switchboard.routing.forecast.SeatPlanning;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** Seats needed per group, hour by hour ahead; declared peak events. */
@Path("/api/v1/routing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ForecastResource {

    public record PeakBody(@Size(max = 64) String group, @NotNull LocalDate from, @NotNull LocalDate to,
                           @NotNull @DecimalMin("0.1") @DecimalMax("100") BigDecimal multiplier, @Size(max = 500) String note) {
    }

    private final SeatPlanning planning;

    ForecastResource(SeatPlanning planning) {
        this.planning = planning;
    }

    @GET
    @Path("/forecast")
    @RolesAllowed({Roles.SUPERVISOR, Roles.OPERATOR, Roles.SYSTEM})
    public SeatPlanning.GroupForecast forecast(@QueryParam("group") @NotBlank String group, @QueryParam("hours") Integer hours) {
        return planning.forecast(group, hours);
    }

    @POST
    @Path("/peak-events")
    @RolesAllowed(Roles.OPERATOR)
    public Response declare(@Valid @NotNull PeakBody body) {
        String id = planning.declarePeak(body.group(), body.from(), body.to(), body.multiplier(), body.note());
        return Response.status(201).entity(Map.of("id", id)).build();
    }
}
