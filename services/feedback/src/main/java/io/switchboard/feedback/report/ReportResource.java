package io.switchboard.feedback.report;

import io.switchboard.web.errors.InvalidInputException;
import io.switchboard.feedback.domain.HeatMap;
import io.switchboard.feedback.domain.MetricTargets;
import io.switchboard.web.errors.NotPermittedException;
import io.switchboard.web.security.Caller;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.ZoneId;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What supervisors and account managers read: metrics, SLA attainment, the heat map, the monthly customer report. */
@Path("/api/v1/feedback")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final ReportQueries queries;
    private final CustomerReports customerReports;
    private final MetricTargets targets;
    private final Caller caller;

    ReportResource(ReportQueries queries, CustomerReports customerReports, MetricTargets targets, Caller caller) {
        this.queries = queries;
        this.customerReports = customerReports;
        this.targets = targets;
        this.caller = caller;
    }

    public record MetricsReport(String by, String from, String to, MetricTargets targets, List<Figures.Metrics> groups) {
    }

    public record AttainmentReport(String by, String from, String to, List<Figures.Attainment> groups) {
    }

    public record HeatMapReport(String from, String to, String zone, Map<String, long[][]> categories) {
    }

    @GET
    @Path("/metrics")
    @RolesAllowed({Roles.SUPERVISOR, Roles.OPERATOR})
    @Operation(summary = "CSAT, NPS, first-contact resolution, handling time and response rate per agent, group, category or tier, against targets")
    public MetricsReport metrics(@QueryParam("by") String by, @QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("zone") String zone) {
        String field = dimension(ReportQueries.METRIC_DIMENSIONS, by);
        TimeRange range = TimeRange.ofDays(from, to, TimeRange.zone(zone));
        Map<String, long[]> reviews = queries.reviews(field, range.from(), range.to());
        List<Figures.Metrics> groups = new ArrayList<>();
        queries.metrics(field, range.from(), range.to(), null).forEach((key, sums) ->
                groups.add(Figures.metrics(field.isEmpty() ? "desk" : key, sums, targets, reviews.get(key))));
        return new MetricsReport(by, range.from().toString(), range.to().toString(), targets, groups);
    }

    @GET
    @Path("/sla-attainment")
    @RolesAllowed({Roles.SUPERVISOR, Roles.OPERATOR})
    @Operation(summary = "SLA attainment (met / (met + missed)) per group, tier or priority, from the stopped clocks")
    public AttainmentReport attainment(@QueryParam("by") String by, @QueryParam("from") String from, @QueryParam("to") String to,
                                       @QueryParam("zone") String zone) {
        String field = dimension(ReportQueries.SLA_DIMENSIONS, by);
        TimeRange range = TimeRange.ofDays(from, to, TimeRange.zone(zone));
        List<Figures.Attainment> groups = new ArrayList<>();
        queries.attainment(field, range.from(), range.to(), null).forEach((key, a) ->
                groups.add(Figures.attainment(field.isEmpty() ? "desk" : key, a)));
        return new AttainmentReport(by, range.from().toString(), range.to().toString(), groups);
    }

    @GET
    @Path("/heatmap")
    @RolesAllowed({Roles.SUPERVISOR, Roles.OPERATOR})
    @Operation(summary = "Tickets opened per category, weekday (Monday first) and hour, in the caller's time zone")
    public HeatMapReport heatMap(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("zone") String zone) {
        ZoneId zoneId = TimeRange.zone(zone);
        TimeRange range = TimeRange.ofDays(from, to, zoneId);
        return new HeatMapReport(range.from().toString(), range.to().toString(), zoneId.getId(),
                HeatMap.fold(queries.openedByQuarter(range.from(), range.to(), null), zoneId));
    }

    @GET
    @Path("/reports/customers/{customerId}/{month}")
    @RolesAllowed({Roles.SUPERVISOR, Roles.OPERATOR, Roles.CUSTOMER})
    @Operation(summary = "A customer's monthly service report (JSON)")
    public CustomerReports.Report customerReport(@PathParam("customerId") String customerId, @PathParam("month") String month) {
        return customerReports.monthly(allowedCustomer(customerId), TimeRange.month("month", month));
    }

    @GET
    @Path("/reports/customers/{customerId}/{month}/printable")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.SUPERVISOR, Roles.OPERATOR, Roles.CUSTOMER})
    @Operation(summary = "A customer's monthly service report as a printable HTML page")
    public String printableCustomerReport(@PathParam("customerId") String customerId, @PathParam("month") String month) {
        YearMonth yearMonth = TimeRange.month("month", month);
        return CustomerReports.html(customerReports.monthly(allowedCustomer(customerId), yearMonth));
    }

    /** Staff read any customer's report; a customer's token reads only its own. */
    private String allowedCustomer(String customerId) {
        if (customerId == null || !customerId.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new InvalidInputException("customerId", "must be 1-64 letters, digits or . _ : -");
        }
        if (caller.isCustomer() && !customerId.equals(caller.customerId())) {
            throw new NotPermittedException("a customer reads only its own report", "customerId");
        }
        return customerId;
    }

    private static String dimension(Map<String, String> dimensions, String by) {
        String field = by == null ? null : dimensions.get(by);
        if (field == null) {
            throw new InvalidInputException("by", "must be one of " + new java.util.TreeSet<>(dimensions.keySet()));
        }
        return field;
    }
}
