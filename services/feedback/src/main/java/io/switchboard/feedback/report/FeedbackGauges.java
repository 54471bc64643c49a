package io.switchboard.feedback.report;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.feedback.domain.MetricSums;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus gauges of the desk's figures over the trailing 30 days (NaN without data), recomputed by one
 * aggregation at most once a minute, whatever the scrape rate: {@code switchboard_feedback_csat_average},
 * {@code _nps}, {@code _fcr_rate}, {@code _response_rate}, {@code _handling_seconds_average}, {@code _low_satisfaction}.
 */
@ApplicationScoped
public class FeedbackGauges {

    static final Duration WINDOW = Duration.ofDays(30);
    static final Duration REFRESH = Duration.ofMinutes(1);

    private final ReportQueries queries;
    private final Clock clock;
    private volatile MetricSums latest;
    private volatile Instant computedAt = Instant.MIN;

    FeedbackGauges(ReportQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        gauge(registry, "switchboard.feedback.csat.average", "Average CSAT (1-5), desk, trailing 30 days", MetricSums::csatAverage);
        gauge(registry, "switchboard.feedback.nps", "Net promoter score, desk, trailing 30 days", MetricSums::nps);
        gauge(registry, "switchboard.feedback.fcr.rate", "First-contact resolution rate (0-1), desk, trailing 30 days", MetricSums::fcrRate);
        gauge(registry, "switchboard.feedback.response.rate", "Surveys answered per survey sent, desk, trailing 30 days", MetricSums::responseRate);
        gauge(registry, "switchboard.feedback.handling.seconds.average", "Average handling time, desk, trailing 30 days",
                MetricSums::handlingAverageSeconds);
        gauge(registry, "switchboard.feedback.low.satisfaction", "Answers flagged as low satisfaction, desk, trailing 30 days",
                s -> (double) s.lowSatisfaction());
    }

    private void gauge(MeterRegistry registry, String name, String description, java.util.function.Function<MetricSums, Double> figure) {
        ToDoubleFunction<FeedbackGauges> value = g -> {
            MetricSums sums = g.sums();
            Double v = sums == null ? null : figure.apply(sums);
            return v == null ? Double.NaN : v;
        };
        Gauge.builder(name, this, value).description(description).register(registry);
    }

    private synchronized MetricSums sums() {
        Instant now = clock.instant();
        if (computedAt.plus(REFRESH).isBefore(now)) {
            latest = queries.metrics("", now.minus(WINDOW), now, null).values().stream().findFirst().orElse(null);
            computedAt = now;
        }
        return latest;
    }
}
