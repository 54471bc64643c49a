package io.switchboard.feedback.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HeatMapTest {

    @ParameterizedTest(name = "{0} in {1}: weekday {2}, hour {3}")
    @CsvSource({
            // Sunday 2026-11-29 23:30 UTC is Monday 07:30 in Shanghai, Sunday 23:30 in London
            "2026-11-29T23:30:00Z, Asia/Shanghai,  0, 7",
            "2026-11-29T23:30:00Z, Europe/London,  6, 23",
            "2026-11-29T23:30:00Z, UTC,            6, 23",
            // India is UTC+5:30: a quarter-hour bucket still falls in one local hour
            "2026-11-29T18:15:00Z, Asia/Kolkata,   6, 23",
            "2026-11-29T18:45:00Z, Asia/Kolkata,   0, 0",
            // Berlin's spring change (2026-03-29, Sunday): 00:59 UTC is 01:59 CET, 01:00 UTC is 03:00 CEST
            "2026-03-29T00:59:00Z, Europe/Berlin,  6, 1",
            "2026-03-29T01:00:00Z, Europe/Berlin,  6, 3",
            // Berlin's autumn change (2026-10-25): 00:30 UTC is 02:30 CEST, 01:30 UTC is 02:30 CET
            "2026-10-25T00:30:00Z, Europe/Berlin,  6, 2",
            "2026-10-25T01:30:00Z, Europe/Berlin,  6, 2",
            "2026-10-25T02:30:00Z, Europe/Berlin,  6, 3",
            // Istanbul has no DST, Sao Paulo not any more: plain offsets
            "2026-07-01T12:00:00Z, Europe/Istanbul, 2, 15"})
    void aTicketFallsInItsLocalWeekdayAndHour(String at, String zone, int weekday, int hour) {
        long quarter = HeatMap.quarterOf(Instant.parse(at));
        assertArrayEquals(new int[]{weekday, hour}, HeatMap.cellOf(quarter, ZoneId.of(zone)));
    }

    @Test
    void theRepeatedAutumnHourCountsBothRealHoursAndTheSkippedSpringHourStaysEmpty() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Map<String, long[][]> autumn = HeatMap.fold(List.of(
                new HeatMap.QuarterCount("network", HeatMap.quarterOf(Instant.parse("2026-10-25T00:30:00Z")), 2),
                new HeatMap.QuarterCount("network", HeatMap.quarterOf(Instant.parse("2026-10-25T01:30:00Z")), 3),
                new HeatMap.QuarterCount("storage", HeatMap.quarterOf(Instant.parse("2026-10-25T01:45:00Z")), 1)), berlin);
        assertEquals(5, autumn.get("network")[6][2]);
        assertEquals(1, autumn.get("storage")[6][2]);

        long[] sunday = new long[24];
        for (int q = 0; q < 4 * 6; q++) { // 00:00-06:00 UTC on the spring change, one ticket per quarter
            Instant at = Instant.parse("2026-03-29T00:00:00Z").plusSeconds(q * 900L);
            sunday[HeatMap.cellOf(HeatMap.quarterOf(at), berlin)[1]]++;
        }
        assertEquals(0, sunday[2], "02:00-03:00 does not exist in Berlin that night");
        assertEquals(4, sunday[1]);
        assertEquals(4, sunday[3]);
    }
}
