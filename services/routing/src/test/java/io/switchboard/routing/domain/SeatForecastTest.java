package io.switchboard.routing.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seats forecast finds a known pattern in generated history; Erlang C against textbook values. */
class SeatForecastTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z"); // Monday 08:00 in Beijing

    /** The generated truth: busy office hours, quiet nights, half on weekends, +5% a week. */
    static double truth(Instant hour, Instant origin) {
        ZonedDateTime local = hour.atZone(BEIJING);
        int h = local.getHour();
        double daily = h >= 9 && h < 18 ? 40 : h >= 8 && h < 21 ? 20 : 4;
        double weekday = local.getDayOfWeek().getValue() >= 6 ? 0.5 : 1.0;
        double weeks = Duration.between(origin, hour).toHours() / 168.0;
        return daily * weekday * (1 + 0.05 * weeks);
    }

    @Test
    void theForecastFindsTheSeasonalPatternAndTheTrend() {
        Instant origin = NOW.minus(Duration.ofDays(56));
        Map<Instant, Integer> history = new HashMap<>();
        for (Instant h = origin; h.isBefore(NOW); h = h.plus(Duration.ofHours(1))) {
            history.put(h, (int) Math.round(truth(h, origin)));
        }
        SeatForecast forecast = SeatForecast.of(RoutingPolicy.defaults());
        List<SeatForecast.HourForecast> next = forecast.forecast(history, NOW, 72, BEIJING, 30, List.of());
        assertEquals(72, next.size());
        for (SeatForecast.HourForecast f : next) {
            double expected = truth(f.hourStart(), origin);
            assertEquals(expected, f.expectedTickets(), Math.max(1.0, expected * 0.06), "at " + f.hourStart());
        }
        SeatForecast.HourForecast morningPeak = next.get(2);  // Monday 10:00 Beijing
        SeatForecast.HourForecast night = next.get(18);       // Tuesday 02:00 Beijing
        assertTrue(morningPeak.seats() > 2 * night.seats(), morningPeak + " vs " + night);
        assertTrue(morningPeak.expectedTickets() > 40 * 1.35, "the trend lifts this week above the first week's 40");
    }

    @Test
    void aDeclaredPeakMultipliesItsDaysOnly() {
        Instant origin = NOW.minus(Duration.ofDays(56));
        Map<Instant, Integer> history = new HashMap<>();
        for (Instant h = origin; h.isBefore(NOW); h = h.plus(Duration.ofHours(1))) {
            history.put(h, (int) Math.round(truth(h, origin)));
        }
        SeatForecast forecast = SeatForecast.of(RoutingPolicy.defaults());
        List<SeatForecast.HourForecast> plain = forecast.forecast(history, NOW, 72, BEIJING, 30, List.of());
        List<SeatForecast.HourForecast> peak = forecast.forecast(history, NOW, 72, BEIJING, 30,
                List.of(new SeatForecast.PeakEvent(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-01"), 3.0)));
        assertEquals(plain.get(2).expectedTickets(), peak.get(2).expectedTickets(), 1e-9, "Monday is not the peak");
        assertEquals(plain.get(26).expectedTickets() * 3, peak.get(26).expectedTickets(), 1e-9, "Tuesday 10:00 is");
        assertTrue(peak.get(26).seats() > plain.get(26).seats());
    }

    @Test
    void noHistoryNoSeats() {
        List<SeatForecast.HourForecast> next = SeatForecast.of(RoutingPolicy.defaults()).forecast(Map.of(), NOW, 3, BEIJING, 30, List.of());
        assertTrue(next.stream().allMatch(f -> f.seats() == 0 && f.expectedTickets() == 0));
    }

    @ParameterizedTest(name = "C({0} agents, {1} erlangs) = {2}")
    @CsvSource({"3, 2.0, 0.4444", "1, 0.5, 0.5", "2, 1.0, 0.3333", "5, 6.0, 1.0"})
    void erlangCWaitProbability(int agents, double erlangs, double expected) {
        assertEquals(expected, ErlangC.waitProbability(agents, erlangs), 1e-4);
    }

    @Test
    void erlangCSeatsForTheTextbookCase() {
        // 360 calls an hour of 3 minutes (18 erlangs), 80% answered within 20 s: 22 agents (service level 83%; 21 give 75%).
        assertEquals(22, ErlangC.agentsFor(360, 180, 20, 0.8));
        assertTrue(ErlangC.serviceLevel(21, 18, 180, 20) < 0.8);
    }

    @ParameterizedTest(name = "{0} agents, {1} arrivals/s, handling {2} s, {3} waiting: {4} s")
    @CsvSource({
            // 1 erlang on 2 agents: P(wait) 1/3, mean wait 1/3 x 180 / (2 - 1) = 60 s
            "2, 0.0055555556, 180, 0, 60",
            // the same, 4 already waiting: working them off takes 4 x 180 / 2 = 360 s, more than Erlang C's mean
            "2, 0.0055555556, 180, 4, 360",
            // no arrivals: only the backlog
            "3, 0, 300, 6, 600",
            // the agents cannot keep up (1 agent, 2 erlangs): the backlog's figure
            "1, 0.0111111111, 180, 2, 360",
            // nobody present: unknown (-1), unless nothing waits and nothing comes
            "0, 0.01, 180, 0, -1",
            "0, 0, 180, 0, 0"})
    void expectedWaitIsErlangCsMeanButNoLessThanTheBacklog(int agents, double arrivalsPerSecond, double handling, int depth, long expected) {
        assertEquals(expected, ErlangC.expectedWaitSeconds(agents, arrivalsPerSecond, handling, depth));
    }
}
