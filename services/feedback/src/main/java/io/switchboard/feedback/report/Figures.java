package io.switchboard.feedback.report;

import io.switchboard.feedback.domain.MetricSums;
import io.switchboard.feedback.domain.MetricTargets;
import io.switchboard.feedback.domain.SlaAttainment;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of the reports' figures (null where a figure has no data). */
public final class Figures {

    public record Csat(Double average, long answers, Map<String, Long> counts, Map<String, Double> distribution) {
    }

    public record Nps(Double score, long answers, long promoters, long detractors) {
    }

    public record Meets(Boolean csat, Boolean nps, Boolean fcr, Boolean handling) {
    }

    public record Metrics(String key, long contacts, long surveyed, long responses, Double responseRate, Csat csat, Nps nps,
                          Double fcrRate, Double customerFcrRate, Double handlingAverageSeconds, long lowSatisfaction,
                          Long reviewed, Double qualityScoreAverage, Meets meetsTarget) {
    }

    public record Attainment(String key, long met, long missed, long cancelled, Double rate) {
    }

    static Metrics metrics(String key, MetricSums sums, MetricTargets targets, long[] reviews) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Double> shares = new LinkedHashMap<>();
        double[] distribution = sums.csatDistribution();
        for (int score = 1; score <= 5; score++) {
            counts.put(String.valueOf(score), sums.csatCounts()[score - 1]);
            shares.put(String.valueOf(score), distribution == null ? null : distribution[score - 1]);
        }
        MetricSums.Attainments meets = sums.against(targets);
        return new Metrics(key, sums.contacts(), sums.surveyed(), sums.responses(), sums.responseRate(),
                new Csat(sums.csatAverage(), sums.csatAnswers(), counts, distribution == null ? null : shares),
                new Nps(sums.nps(), sums.npsAnswers(), sums.promoters(), sums.detractors()),
                sums.fcrRate(), sums.customerFcrRate(), sums.handlingAverageSeconds(), sums.lowSatisfaction(),
                reviews == null ? null : reviews[0], reviews == null || reviews[0] == 0 ? null : (double) reviews[1] / reviews[0],
                new Meets(meets.csat(), meets.nps(), meets.fcr(), meets.handling()));
    }

    static Attainment attainment(String key, SlaAttainment a) {
        return new Attainment(key, a.met(), a.missed(), a.cancelled(), a.rate());
    }

    private Figures() {
    }
}
