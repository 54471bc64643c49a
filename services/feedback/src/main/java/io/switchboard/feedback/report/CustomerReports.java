package io.switchboard.feedback.report;

import io.switchboard.feedback.domain.MetricSums;
import io.switchboard.feedback.domain.MetricTargets;
import io.switchboard.feedback.domain.SlaAttainment;
import io.switchboard.feedback.survey.Surveys;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The monthly service report of one customer: tickets, SLA attainment, major incidents, credits, satisfaction. */
@ApplicationScoped
public class CustomerReports {

    private final ReportQueries queries;
    private final MetricTargets targets;

    CustomerReports(ReportQueries queries, MetricTargets targets) {
        this.queries = queries;
        this.targets = targets;
    }

    public record Tickets(long opened, Map<String, Long> byCategory) {
    }

    public record Incident(String majorIncidentId, String ticketId, String summary, String emergencyLevel, Instant declaredAt) {
    }

    public record Credit(String creditId, String basis, String form, String amount, String currency, String ticketId, Instant issuedAt) {
    }

    public record Credits(List<Credit> items, Map<String, String> totalByCurrency) {
    }

    public record Report(String customerId, String month, String timeZone, Tickets tickets, Figures.Attainment sla,
                         List<Incident> majorIncidents, Credits credits, Figures.Metrics satisfaction) {
    }

    public Report monthly(String customerId, YearMonth month) {
        TimeRange range = TimeRange.ofMonth(month);
        Map<String, Long> byCategory = new TreeMap<>();
        queries.openedByQuarter(range.from(), range.to(), customerId)
                .forEach(c -> byCategory.merge(c.category(), c.tickets(), Long::sum));
        long opened = byCategory.values().stream().mapToLong(Long::longValue).sum();
        SlaAttainment sla = queries.attainment("", range.from(), range.to(), customerId).values().stream().findFirst()
                .orElse(new SlaAttainment(0, 0, 0));
        List<Incident> incidents = queries.majorIncidents(customerId, range.from(), range.to()).stream()
                .map(d -> new Incident(d.getString("_id"), d.getString("ticketId"), d.getString("summary"), d.getString("emergencyLevel"),
                        Surveys.instant(d, "declaredAt"))).toList();
        List<Credit> credits = queries.credits(customerId, month.toString()).stream()
                .map(d -> new Credit(d.getString("_id"), d.getString("basis"), d.getString("form"), d.getString("amount"),
                        d.getString("currency"), d.getString("ticketId"), Surveys.instant(d, "issuedAt"))).toList();
        Map<String, BigDecimal> totals = new TreeMap<>();
        credits.forEach(c -> totals.merge(c.currency(), new BigDecimal(c.amount()), BigDecimal::add));
        Map<String, String> totalByCurrency = new TreeMap<>();
        totals.forEach((currency, total) -> totalByCurrency.put(currency, total.toPlainString()));
        MetricSums satisfaction = queries.metrics("", range.from(), range.to(), customerId).values().stream().findFirst()
                .orElse(new MetricSums(0, 0, 0, new long[5], 0, 0, 0, 0, 0, 0, 0, 0, 0));
        return new Report(customerId, month.toString(), "UTC", new Tickets(opened, byCategory), Figures.attainment(customerId, sla),
                incidents, new Credits(credits, totalByCurrency), Figures.metrics(customerId, satisfaction, targets, null));
    }

    /** The same report as a printable, self-contained HTML page (no scripts, no external resources). */
    public static String html(Report r) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Service report ")
                .append(esc(r.customerId())).append(' ').append(esc(r.month())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:50em}table{border-collapse:collapse;margin-bottom:1.5em}")
                .append("td,th{border:1px solid #999;padding:.3em .6em;text-align:left}@media print{body{margin:0}}</style></head><body>\n")
                .append("<h1>Monthly service report</h1>\n<p>Customer <strong>").append(esc(r.customerId()))
                .append("</strong>, month <strong>").append(esc(r.month())).append("</strong> (").append(r.timeZone()).append(")</p>\n");
        h.append("<h2>Tickets</h2>\n<table><tr><th>category</th><th>opened</th></tr>\n");
        r.tickets().byCategory().forEach((c, n) -> h.append("<tr><td>").append(esc(c)).append("</td><td>").append(n).append("</td></tr>\n"));
        h.append("<tr><th>total</th><th>").append(r.tickets().opened()).append("</th></tr></table>\n");
        h.append("<h2>SLA attainment</h2>\n<table><tr><th>met</th><th>missed</th><th>cancelled</th><th>attainment</th></tr><tr><td>")
                .append(r.sla().met()).append("</td><td>").append(r.sla().missed()).append("</td><td>").append(r.sla().cancelled())
                .append("</td><td>").append(percent(r.sla().rate())).append("</td></tr></table>\n");
        h.append("<h2>Major incidents</h2>\n");
        if (r.majorIncidents().isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<table><tr><th>incident</th><th>ticket</th><th>declared</th><th>summary</th></tr>\n");
            r.majorIncidents().forEach(i -> h.append("<tr><td>").append(esc(i.majorIncidentId())).append("</td><td>")
                    .append(esc(i.ticketId())).append("</td><td>").append(i.declaredAt()).append("</td><td>").append(esc(i.summary()))
                    .append("</td></tr>\n"));
            h.append("</table>\n");
        }
        h.append("<h2>Credits</h2>\n");
        if (r.credits().items().isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<table><tr><th>credit</th><th>basis</th><th>form</th><th>amount</th></tr>\n");
            r.credits().items().forEach(c -> h.append("<tr><td>").append(esc(c.creditId())).append("</td><td>").append(esc(c.basis()))
                    .append("</td><td>").append(esc(c.form())).append("</td><td>").append(esc(c.amount())).append(' ')
                    .append(esc(c.currency())).append("</td></tr>\n"));
            r.credits().totalByCurrency().forEach((cur, total) -> h.append("<tr><th colspan=\"3\">total ").append(esc(cur))
                    .append("</th><th>").append(esc(total)).append("</th></tr>\n"));
            h.append("</table>\n");
        }
        Figures.Metrics s = r.satisfaction();
        h.append("<h2>Satisfaction</h2>\n<table><tr><th>surveys sent</th><th>answered</th><th>CSAT (1-5)</th><th>NPS</th>")
                .append("<th>first-contact resolution</th></tr><tr><td>").append(s.surveyed()).append("</td><td>").append(s.responses())
                .append("</td><td>").append(s.csat().average() == null ? "-" : String.format("%.2f", s.csat().average()))
                .append("</td><td>").append(s.nps().score() == null ? "-" : String.format("%.0f", s.nps().score()))
                .append("</td><td>").append(percent(s.fcrRate())).append("</td></tr></table>\n</body></html>\n");
        return h.toString();
    }

    private static String percent(Double rate) {
        return rate == null ? "-" : String.format("%.1f%%", rate * 100);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
