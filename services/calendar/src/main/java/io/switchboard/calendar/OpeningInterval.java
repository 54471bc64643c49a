package io.switchboard.calendar;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One opening interval of a day in local wall-clock time, start inclusive, end exclusive.
 *
 * <p>An {@code end} of {@link LocalTime#MIDNIGHT} means 24:00, the end of the day: since an
 * interval must end after it starts, 00:00 can only mean the midnight that closes the day. So
 * {@code 00:00-24:00} is the whole day, and {@code 20:00-24:00} followed by the next day's
 * {@code 00:00-04:00} is one night shift without a gap.
 */
public record OpeningInterval(LocalTime start, LocalTime end) implements Comparable<OpeningInterval> {

    static final int SECONDS_PER_DAY = 24 * 60 * 60;

    /** The whole day, 00:00-24:00. */
    public static final OpeningInterval WHOLE_DAY = new OpeningInterval(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public OpeningInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.getNano() != 0 || end.getNano() != 0) {
            throw new IllegalArgumentException("interval " + text(start, end) + ": times have whole seconds at most");
        }
        if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
            throw new IllegalArgumentException("interval " + text(start, end)
                    + (end.equals(start) ? " is empty" : " ends before it starts"));
        }
    }

    public static OpeningInterval of(LocalTime start, LocalTime end) {
        return new OpeningInterval(start, end);
    }

    /**
     * Parses {@code HH:mm-HH:mm} (seconds allowed: {@code HH:mm:ss}); the end may be {@code 24:00}.
     *
     * @throws IllegalArgumentException naming the text when it is not such an interval
     */
    public static OpeningInterval parse(String text) {
        String s = text.strip();
        int dash = s.indexOf('-');
        if (dash < 0 || dash != s.lastIndexOf('-')) {
            throw new IllegalArgumentException("interval '" + s + "' is not HH:mm-HH:mm");
        }
        LocalTime start = parseTime(s.substring(0, dash).strip(), s, false);
        LocalTime end = parseTime(s.substring(dash + 1).strip(), s, true);
        return new OpeningInterval(start, end);
    }

    private static LocalTime parseTime(String time, String interval, boolean isEnd) {
        if (time.equals("24:00") || time.equals("24:00:00")) {
            if (!isEnd) {
                throw new IllegalArgumentException("interval '" + interval + "': 24:00 may only end an interval");
            }
            return LocalTime.MIDNIGHT;
        }
        // Two-digit hours and minutes only: "8-12" or "8:00" is a typo, not a policy.
        if (!time.matches("\\d{2}:\\d{2}(:\\d{2})?")) {
            throw new IllegalArgumentException("interval '" + interval + "': '" + time + "' is not a time HH:mm");
        }
        try {
            return LocalTime.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("interval '" + interval + "': '" + time + "' is not a valid time", e);
        }
    }

    /** Start as seconds after the day's 00:00. */
    int startSecond() {
        return start.toSecondOfDay();
    }

    /** End as seconds after the day's 00:00; 86400 for 24:00. */
    int endSecond() {
        return end.equals(LocalTime.MIDNIGHT) ? SECONDS_PER_DAY : end.toSecondOfDay();
    }

    public boolean endsAtMidnight() {
        return end.equals(LocalTime.MIDNIGHT);
    }

    public boolean overlaps(OpeningInterval other) {
        return startSecond() < other.endSecond() && other.startSecond() < endSecond();
    }

    @Override
    public int compareTo(OpeningInterval other) {
        int byStart = Integer.compare(startSecond(), other.startSecond());
        return byStart != 0 ? byStart : Integer.compare(endSecond(), other.endSecond());
    }

    /** The spec form, {@code HH:mm-HH:mm}, with {@code 24:00} for an end at midnight. */
    @Override
    public String toString() {
        return text(start, end);
    }

    private static String text(LocalTime start, LocalTime end) {
        return format(start) + "-" + (LocalTime.MIDNIGHT.equals(end) ? "24:00" : format(end));
    }

    private static String format(LocalTime t) {
        if (t == null) {
            return "null";
        }
        String hm = String.format("%02d:%02d", t.getHour(), t.getMinute());
        return t.getSecond() == 0 ? hm : hm + String.format(":%02d", t.getSecond());
    }
}
