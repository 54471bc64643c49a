package io.switchboard.feedback.report;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.BsonField;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.switchboard.feedback.domain.HeatMap;
import io.switchboard.feedback.domain.MetricSums;
import io.switchboard.feedback.domain.SlaAttainment;
import io.switchboard.feedback.store.FeedbackStore;
import io.switchboard.feedback.survey.Surveys;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports' MongoDB aggregations: a {@code $match} on a time range (served by the time indexes, see
 * docs/services/feedback.md) and one {@code $group} that sums the contacts' counters; the figures are computed from
 * the sums in the domain ({@link MetricSums}, {@link SlaAttainment}, {@link HeatMap}).
 */
@ApplicationScoped
public class ReportQueries {

    /** The dimensions metrics are grouped by, and the survey field each groups on (desk: everything together). */
    public static final Map<String, String> METRIC_DIMENSIONS = Map.of("agent", Surveys.AGENT_ID, "group", Surveys.SKILL_GROUP_ID,
            "category", Surveys.CATEGORY, "tier", Surveys.TIER, "desk", "");
    public static final Map<String, String> SLA_DIMENSIONS = Map.of("group", Surveys.SKILL_GROUP_ID, "tier", Surveys.TIER,
            "priority", Surveys.PRIORITY, "desk", "");

    private final FeedbackStore store;

    ReportQueries(FeedbackStore store) {
        this.store = store;
    }

    /** Metric sums per value of the dimension's field, for contacts resolved in [from, to), optionally of one customer. */
    public Map<String, MetricSums> metrics(String field, Instant from, Instant to, String customerId) {
        List<BsonField> sums = new ArrayList<>();
        for (String counter : counters()) {
            sums.add(Accumulators.sum(counter.substring(2), "$" + counter));
        }
        Bson range = Filters.and(Filters.gte(Surveys.RESOLVED_AT, Surveys.date(from)), Filters.lt(Surveys.RESOLVED_AT, Surveys.date(to)));
        Bson match = customerId == null ? range : Filters.and(Filters.eq(Surveys.CUSTOMER_ID, customerId), range);
        Map<String, MetricSums> result = new LinkedHashMap<>();
        for (Document group : store.surveys().aggregate(List.of(Aggregates.match(match),
                Aggregates.group(field.isEmpty() ? null : "$" + field, sums), Aggregates.sort(Sorts.ascending("_id"))))) {
            long[] csat = new long[5];
            for (int score = 1; score <= 5; score++) {
                csat[score - 1] = number(group, "csat" + score);
            }
            result.put(key(group), new MetricSums(number(group, "contacts"), number(group, "surveyed"), number(group, "responses"), csat,
                    number(group, "npsAnswers"), number(group, "promoters"), number(group, "detractors"), number(group, "fcrYes"),
                    number(group, "customerFcrAnswers"), number(group, "customerFcrYes"), number(group, "handlingCount"),
                    number(group, "handlingSeconds"), number(group, "lowSatisfaction")));
        }
        return result;
    }

    /** Review counts and score sums per value of the field (quality score average = sum / reviewed). */
    public Map<String, long[]> reviews(String field, Instant from, Instant to) {
        Map<String, long[]> result = new LinkedHashMap<>();
        for (Document group : store.surveys().aggregate(List.of(
                Aggregates.match(Filters.and(Filters.gte(Surveys.RESOLVED_AT, Surveys.date(from)), Filters.lt(Surveys.RESOLVED_AT, Surveys.date(to)))),
                Aggregates.group(field.isEmpty() ? null : "$" + field, Accumulators.sum("reviewed", "$" + Surveys.REVIEWED),
                        Accumulators.sum("scoreSum", "$" + Surveys.REVIEW_SCORE_SUM))))) {
            result.put(key(group), new long[]{number(group, "reviewed"), number(group, "scoreSum")});
        }
        return result;
    }

    public Map<String, SlaAttainment> attainment(String field, Instant from, Instant to, String customerId) {
        Bson range = Filters.and(Filters.gte("stoppedAt", Surveys.date(from)), Filters.lt("stoppedAt", Surveys.date(to)));
        Bson match = customerId == null ? range : Filters.and(Filters.eq(Surveys.CUSTOMER_ID, customerId), range);
        Map<String, SlaAttainment> result = new LinkedHashMap<>();
        for (Document group : store.slaOutcomes().aggregate(List.of(Aggregates.match(match),
                Aggregates.group(field.isEmpty() ? null : "$" + field, Accumulators.sum("met", "$met"),
                        Accumulators.sum("missed", "$missed"), Accumulators.sum("cancelled", "$cancelled")),
                Aggregates.sort(Sorts.ascending("_id"))))) {
            result.put(key(group), new SlaAttainment(number(group, "met"), number(group, "missed"), number(group, "cancelled")));
        }
        return result;
    }

    /** Tickets opened in [from, to) per category and UTC quarter-hour. */
    public List<HeatMap.QuarterCount> openedByQuarter(Instant from, Instant to, String customerId) {
        Bson range = Filters.and(Filters.gte("openedAt", Surveys.date(from)), Filters.lt("openedAt", Surveys.date(to)));
        Bson match = customerId == null ? range : Filters.and(Filters.eq(Surveys.CUSTOMER_ID, customerId), range);
        List<HeatMap.QuarterCount> counts = new ArrayList<>();
        for (Document group : store.tickets().aggregate(List.of(Aggregates.match(match),
                Aggregates.group(new Document("category", "$" + Surveys.CATEGORY).append("quarter", "$openedQuarter"),
                        Accumulators.sum("tickets", 1))))) {
            Document id = group.get("_id", Document.class);
            String category = id.getString("category");
            counts.add(new HeatMap.QuarterCount(category == null ? "(none)" : category, ((Number) id.get("quarter")).longValue(),
                    number(group, "tickets")));
        }
        return counts;
    }

    /**
     * The major incidents declared in [from, to) on the customer's tickets. Incidents are few, so the month's are read
     * (index on declaredAt) and kept when their ticket is the customer's: the ticket's opening may be consumed after
     * the declaration (they come on different topics), so the customer is resolved here, not when the incident arrives.
     */
    public List<Document> majorIncidents(String customerId, Instant from, Instant to) {
        List<Document> incidents = store.majorIncidents().find(Filters.and(Filters.gte("declaredAt", Surveys.date(from)),
                Filters.lt("declaredAt", Surveys.date(to)))).sort(Sorts.ascending("declaredAt")).into(new ArrayList<>());
        if (incidents.isEmpty()) {
            return incidents;
        }
        java.util.Set<String> customersTickets = new java.util.HashSet<>();
        store.tickets().find(Filters.and(Filters.in("_id", incidents.stream().map(i -> i.getString("ticketId")).toList()),
                Filters.eq(Surveys.CUSTOMER_ID, customerId))).forEach(t -> customersTickets.add(t.getString("_id")));
        return incidents.stream().filter(i -> customersTickets.contains(i.getString("ticketId"))).toList();
    }

    public List<Document> credits(String customerId, String billingMonth) {
        return store.credits().find(Filters.and(Filters.eq(Surveys.CUSTOMER_ID, customerId), Filters.eq("billingMonth", billingMonth)))
                .sort(Sorts.ascending("issuedAt")).into(new ArrayList<>());
    }

    static List<String> counters() {
        List<String> counters = new ArrayList<>(List.of(Surveys.CONTACTS, Surveys.SURVEYED, Surveys.RESPONSES, Surveys.NPS_ANSWERS,
                Surveys.PROMOTERS, Surveys.DETRACTORS, Surveys.FCR_YES, Surveys.CUSTOMER_FCR_ANSWERS, Surveys.CUSTOMER_FCR_YES,
                Surveys.HANDLING_COUNT, Surveys.HANDLING_SUM, Surveys.LOW));
        for (int score = 1; score <= 5; score++) {
            counters.add(Surveys.CSAT_PREFIX + score);
        }
        return counters;
    }

    private static String key(Document group) {
        Object id = group.get("_id");
        return id == null ? "(none)" : id.toString();
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
