package io.switchboard.feedback.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * The heat map of problem categories by weekday and hour, in a time zone the caller chooses. The store counts tickets
 * per category and UTC quarter-hour (every zone's offset is a whole number of quarter-hours, so a quarter-hour falls
 * in exactly one local hour in any zone, before and after a DST change); this class folds those counts into local
 * weekday x hour cells. In the autumn DST change the repeated local hour counts the tickets of both real hours; in
 * the spring change the skipped hour stays empty.
 */
public final class HeatMap {

    public static final long QUARTER_SECONDS = 900;

    /** The UTC quarter-hour an instant falls in, as stored on each ticket. */
    public static long quarterOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), QUARTER_SECONDS);
    }

    /** The local weekday (0 = Monday .. 6 = Sunday) and hour of a quarter-hour in {@code zone}. */
    public static int[] cellOf(long quarter, ZoneId zone) {
        ZonedDateTime local = Instant.ofEpochSecond(quarter * QUARTER_SECONDS).atZone(zone);
        return new int[]{local.getDayOfWeek().getValue() - 1, local.getHour()};
    }

    /** Counts per category, per weekday (Monday first), per hour 0..23. */
    public static Map<String, long[][]> fold(Iterable<QuarterCount> counts, ZoneId zone) {
        Map<String, long[][]> cells = new TreeMap<>();
        for (QuarterCount count : counts) {
            int[] cell = cellOf(count.quarter(), zone);
            cells.computeIfAbsent(count.category(), k -> new long[7][24])[cell[0]][cell[1]] += count.tickets();
        }
        return cells;
    }

    /** Tickets of a category opened in one UTC quarter-hour. */
    public record QuarterCount(String category, long quarter, long tickets) {
    }

    private HeatMap() {
    }
}
