package io.switchboard.feedback.report;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.feedback.domain.MetricSums;
import io.switchboard.feedback.survey.Surveys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Prometheus gauges of the figures over the trailing 30 days, recomputed every
 * {@code switchboard.feedback.gauges.refresh} by two aggregations (desk, per skill group) on a background thread,
 * never during a scrape; NaN without data. Desk: {@code switchboard_feedback_csat_average}, {@code _nps},
 * {@code _fcr_rate}, {@code _response_rate}, {@code _handling_seconds_average}, {@code _low_satisfaction}. Per skill
 * group (tag {@code group}): {@code switchboard_feedback_group_csat_average}, {@code _nps}, {@code _fcr_rate},
 * {@code _low_satisfaction}. Agents are not gauges (too many series); read them from {@code /metrics?by=agent}.
 */
@ApplicationScoped
public class FeedbackGauges {

    private static final Logger LOG = Logger.getLogger(FeedbackGauges.class);
    static final Duration WINDOW = Duration.ofDays(30);

    private final ReportQueries queries;
    private final Clock clock;
    private final Duration refresh;
    private volatile MetricSums desk;
    private ScheduledExecutorService refresher;
    private List<GroupGauge> groupGauges = List.of();

    FeedbackGauges(ReportQueries queries, Clock clock, @ConfigProperty(name = "switchboard.feedback.gauges.refresh") Duration refresh) {
        this.queries = queries;
        this.clock = clock;
        this.refresh = refresh;
    }

    private record GroupGauge(MultiGauge gauge, Function<MetricSums, Double> figure) {
    }

    void start(@Observes StartupEvent event, MeterRegistry registry) {
        desk(registry, "switchboard.feedback.csat.average", "Average CSAT (1-5), desk, trailing 30 days", MetricSums::csatAverage);
        desk(registry, "switchboard.feedback.nps", "Net promoter score, desk, trailing 30 days", MetricSums::nps);
        desk(registry, "switchboard.feedback.fcr.rate", "First-contact resolution rate (0-1), desk, trailing 30 days", MetricSums::fcrRate);
        desk(registry, "switchboard.feedback.response.rate", "Surveys answered per survey sent, desk, trailing 30 days", MetricSums::responseRate);
        desk(registry, "switchboard.feedback.handling.seconds.average", "Average handling time, desk, trailing 30 days",
                MetricSums::handlingAverageSeconds);
        desk(registry, "switchboard.feedback.low.satisfaction", "Answers flagged as low satisfaction, desk, trailing 30 days",
                s -> (double) s.lowSatisfaction());
        groupGauges = List.of(
                group(registry, "switchboard.feedback.group.csat.average", "Average CSAT (1-5) per skill group, trailing 30 days", MetricSums::csatAverage),
                group(registry, "switchboard.feedback.group.nps", "Net promoter score per skill group, trailing 30 days", MetricSums::nps),
                group(registry, "switchboard.feedback.group.fcr.rate", "First-contact resolution rate per skill group, trailing 30 days", MetricSums::fcrRate),
                group(registry, "switchboard.feedback.group.low.satisfaction", "Low-satisfaction answers per skill group, trailing 30 days",
                        s -> (double) s.lowSatisfaction()));
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "feedback-gauges");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    void refresh() {
        try {
            Instant now = clock.instant();
            desk = queries.metrics("", now.minus(WINDOW), now, null).values().stream().findFirst().orElse(null);
            Map<String, MetricSums> groups = queries.metrics(Surveys.SKILL_GROUP_ID, now.minus(WINDOW), now, null);
            for (GroupGauge gauge : groupGauges) {
                gauge.gauge().register(groups.entrySet().stream()
                        .map(g -> MultiGauge.Row.of(Tags.of("group", g.getKey()), nanIfNull(gauge.figure().apply(g.getValue()))))
                        .toList(), true);
            }
        } catch (RuntimeException e) {
            LOG.warnf("feedback gauges not refreshed (they keep their last values): %s", e.toString());
        }
    }

    private void desk(MeterRegistry registry, String name, String description, Function<MetricSums, Double> figure) {
        Gauge.builder(name, this, g -> g.desk == null ? Double.NaN : nanIfNull(figure.apply(g.desk)))
                .description(description).register(registry);
    }

    private static GroupGauge group(MeterRegistry registry, String name, String description, Function<MetricSums, Double> figure) {
        return new GroupGauge(MultiGauge.builder(name).description(description).register(registry), figure);
    }

    private static double nanIfNull(Double value) {
        return value == null ? Double.NaN : value;
    }
}
