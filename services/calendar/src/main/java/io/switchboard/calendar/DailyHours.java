package io.switchboard.calendar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The opening intervals of one day, sorted by start, never overlapping (touching is allowed:
 * {@code 08:00-12:00,12:00-13:00} is open without a break at 12:00). No intervals means closed.
 */
public record DailyHours(List<OpeningInterval> intervals) {

    public static final DailyHours CLOSED = new DailyHours(List.of());
    public static final DailyHours WHOLE_DAY = new DailyHours(List.of(OpeningInterval.WHOLE_DAY));

    public DailyHours {
        Objects.requireNonNull(intervals, "intervals");
        List<OpeningInterval> sorted = new ArrayList<>(intervals);
        sorted.forEach(i -> Objects.requireNonNull(i, "interval"));
        Collections.sort(sorted);
        for (int i = 1; i < sorted.size(); i++) {
            OpeningInterval before = sorted.get(i - 1);
            OpeningInterval after = sorted.get(i);
            if (before.overlaps(after)) {
                throw new IllegalArgumentException("intervals " + before + " and " + after + " overlap");
            }
        }
        intervals = List.copyOf(sorted);
    }

    public static DailyHours of(OpeningInterval... intervals) {
        return new DailyHours(Arrays.asList(intervals));
    }

    /**
     * Parses a comma-separated list of intervals, e.g. {@code 08:00-12:00,13:00-20:00}, or
     * {@code closed}.
     */
    public static DailyHours parse(String text) {
        String s = text.strip();
        if (s.equalsIgnoreCase("closed")) {
            return CLOSED;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("no hours given (write 'closed' for a closed day)");
        }
        List<OpeningInterval> parsed = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            parsed.add(OpeningInterval.parse(part));
        }
        return new DailyHours(parsed);
    }

    public boolean isClosed() {
        return intervals.isEmpty();
    }

    /** Open time by the wall clock (a day without a daylight-saving change). */
    public Duration nominalDuration() {
        return Duration.ofSeconds(intervals.stream().mapToLong(i -> i.endSecond() - i.startSecond()).sum());
    }

    /** The spec form: {@code 08:00-12:00,13:00-20:00} or {@code closed}. */
    @Override
    public String toString() {
        return isClosed() ? "closed" : intervals.stream().map(OpeningInterval::toString).collect(Collectors.joining(","));
    }
}
