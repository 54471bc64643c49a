package io.switchboard.routing.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seats a group needs hour by hour: a seasonal model of its arrivals (hour of day by day of week, in
 * the group's zone) times a linear trend of weekly volume, fitted on the last weeks of history, times
 * the multiplier of any declared peak event; then Erlang C for the seats that answer the service level
 * within the answer target.
 */
public final class SeatForecast {

    /** A declared peak: from and to inclusive (dates in the group's zone), expected arrivals times {@code multiplier}. */
    public record PeakEvent(LocalDate from, LocalDate to, double multiplier) {
    }

    /** One hour ahead: expected tickets, seats needed, and the peak multiplier applied. */
    public record HourForecast(Instant hourStart, double expectedTickets, int seats, double peakMultiplier) {
    }

    private static final int WEEK = 168;

    private final Duration handlingTime;
    private final double serviceLevel;
    private final int historyWeeks;

    public SeatForecast(Duration handlingTime, double serviceLevel, int historyWeeks) {
        this.handlingTime = handlingTime;
        this.serviceLevel = serviceLevel;
        this.historyWeeks = historyWeeks;
    }

    public static SeatForecast of(RoutingPolicy policy) {
        return new SeatForecast(policy.handlingTime(), policy.serviceLevel(), policy.historyWeeks());
    }

    /**
     * @param arrivals tickets per hour start (UTC hours); hours missing had none
     * @param from     the first hour to forecast (truncated to the hour); history is the weeks before it
     */
    public List<HourForecast> forecast(Map<Instant, Integer> arrivals, Instant from, int hours, ZoneId zone,
                                       int answerTargetSeconds, List<PeakEvent> peaks) {
        Instant start = from.truncatedTo(ChronoUnit.HOURS);
        Instant historyStart = start.minus(Duration.ofHours((long) WEEK * historyWeeks));
        double[][] counts = new double[historyWeeks][WEEK];
        double[] totals = new double[historyWeeks];
        for (int h = 0; h < historyWeeks * WEEK; h++) {
            Instant hour = historyStart.plus(Duration.ofHours(h));
            double n = arrivals.getOrDefault(hour, 0);
            counts[h / WEEK][slot(hour, zone)] += n;
            totals[h / WEEK] += n;
        }
        // Linear trend of weekly volume, least squares over the week index.
        double meanK = (historyWeeks - 1) / 2.0;
        double meanW = 0;
        for (double t : totals) {
            meanW += t / historyWeeks;
        }
        double sxy = 0;
        double sxx = 0;
        for (int k = 0; k < historyWeeks; k++) {
            sxy += (k - meanK) * (totals[k] - meanW);
            sxx += (k - meanK) * (k - meanK);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double intercept = meanW - slope * meanK;
        // Seasonal index per hour of week: its share of the week's volume, relative to an even spread.
        double[] index = new double[WEEK];
        int weeksWithVolume = 0;
        for (int k = 0; k < historyWeeks; k++) {
            if (totals[k] <= 0) {
                continue;
            }
            weeksWithVolume++;
            for (int s = 0; s < WEEK; s++) {
                index[s] += counts[k][s] / (totals[k] / WEEK);
            }
        }
        for (int s = 0; s < WEEK; s++) {
            index[s] = weeksWithVolume == 0 ? 0 : index[s] / weeksWithVolume;
        }
        List<HourForecast> result = new ArrayList<>(hours);
        for (int h = 0; h < hours; h++) {
            Instant hour = start.plus(Duration.ofHours(h));
            // The week the hour falls in, counted as the history's weeks are (0 = the oldest), at its middle.
            double weekIndex = historyWeeks + (h + 0.5) / WEEK - 0.5;
            double weekly = Math.max(0, intercept + slope * weekIndex);
            double multiplier = multiplier(peaks, hour, zone);
            double expected = weekly / WEEK * index[slot(hour, zone)] * multiplier;
            int seats = ErlangC.agentsFor(expected, handlingTime.toSeconds(), answerTargetSeconds, serviceLevel);
            result.add(new HourForecast(hour, expected, seats, multiplier));
        }
        return result;
    }

    private static int slot(Instant hour, ZoneId zone) {
        ZonedDateTime local = hour.atZone(zone);
        return (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
    }

    private static double multiplier(List<PeakEvent> peaks, Instant hour, ZoneId zone) {
        LocalDate date = hour.atZone(zone).toLocalDate();
        double m = 1;
        for (PeakEvent p : peaks) {
            if (!date.isBefore(p.from()) && !date.isAfter(p.to())) {
                m = Math.max(m, p.multiplier());
            }
        }
        return m;
    }
}
