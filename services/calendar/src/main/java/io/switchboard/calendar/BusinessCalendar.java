package io.switchboard.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A business calendar: when a desk, a team or an SLA clock is open, in one time zone.
 *
 * <p>Built from data: weekly hours per day of week (several intervals a day for split shifts),
 * holidays (dates closed) and exceptions (dates with their own hours, e.g. a worked Saturday or
 * a holiday open 10:00-14:00). The hours of a date are its exception if it has one, else closed
 * if it is a holiday, else the weekly hours of its day of week. An exception wins over a holiday,
 * so a shared holiday list and a centre's own exceptions combine.
 *
 * <h2>Local times and real time</h2>
 * Hours are wall-clock times of the calendar's zone; every duration is measured between real
 * instants. An interval's bounds become instants as follows:
 * <ul>
 *   <li>a bound in a daylight-saving gap (spring: 02:00-03:00 in Europe/Berlin does not exist)
 *       becomes the instant of the transition, so an interval counts only the time that really
 *       exists: 01:00-02:30 on that day is one hour, 02:15-02:45 is nothing at all;</li>
 *   <li>a bound in an overlap (autumn: 02:00-03:00 happens twice) means its first occurrence
 *       (the earlier offset), so an interval that covers the whole overlap counts the hour twice,
 *       as it really elapses: 00:00-06:00 on that day is seven hours.</li>
 * </ul>
 * The same mapping is used for starts and ends, so touching intervals (20:00-24:00 and the next
 * day's 00:00-04:00) stay contiguous.
 *
 * <h2>Calendars that never open</h2>
 * Searches forward stop after {@link #MAX_CLOSED_DAYS} consecutive days without an opening (and at
 * once when only past exceptions could still open): {@link #nextOpening} then answers empty, and
 * {@link #plus} and {@link #plusWorkingDays} throw {@link IllegalStateException}.
 *
 * <p>Every operation walks day by day at most, so spans of months or years cost one small step per
 * day, never a step per minute.
 */
public record BusinessCalendar(
        ZoneId zone,
        Map<DayOfWeek, DailyHours> weeklyHours,
        Set<LocalDate> holidays,
        Map<LocalDate, DailyHours> exceptions) {

    /** How long a forward search may find no opening before it concludes the calendar never opens: three years. */
    public static final int MAX_CLOSED_DAYS = 3 * 366;

    public BusinessCalendar {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(weeklyHours, "weeklyHours");
        Objects.requireNonNull(holidays, "holidays");
        Objects.requireNonNull(exceptions, "exceptions");
        // Every day of week present, so that equal calendars are equal whether "closed" was written or not.
        EnumMap<DayOfWeek, DailyHours> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, Objects.requireNonNullElse(weeklyHours.get(day), DailyHours.CLOSED));
        }
        weeklyHours = Map.copyOf(week);
        holidays = Set.copyOf(holidays);
        exceptions = Map.copyOf(exceptions);
    }

    public static Builder builder(ZoneId zone) {
        return new Builder(zone);
    }

    /** Open all the time: every day 00:00-24:00, no holidays. */
    public static BusinessCalendar twentyFourSeven(ZoneId zone) {
        return builder(zone).hours(DailyHours.WHOLE_DAY, DayOfWeek.values()).build();
    }

    /** Same as {@link CalendarSpec#parse(String)}. */
    public static BusinessCalendar parse(String spec) {
        return CalendarSpec.parse(spec);
    }

    /** This calendar in the spec format; {@code parse(toSpec())} equals this calendar. */
    public String toSpec() {
        return CalendarSpec.format(this);
    }

    @Override
    public String toString() {
        return toSpec();
    }

    // ---------------------------------------------------------------- dates

    /** The hours of a date: its exception, else closed on a holiday, else its day of week's hours. */
    public DailyHours hoursOn(LocalDate date) {
        DailyHours exception = exceptions.get(date);
        if (exception != null) {
            return exception;
        }
        if (holidays.contains(date)) {
            return DailyHours.CLOSED;
        }
        return weeklyHours.get(date.getDayOfWeek());
    }

    /** A working day is a date with any opening in its hours (as configured, whatever the clock does that day). */
    public boolean isWorkingDay(LocalDate date) {
        return !hoursOn(date).isClosed();
    }

    /**
     * The number of working days {@code d} with {@code a < d <= b}: the start date (the day
     * something happened) does not count, the end date (a deadline) does. So
     * {@code workingDaysBetween(a, plusWorkingDays(a, n)) == n}. Zero when {@code a == b}; when
     * {@code b < a}, minus {@code workingDaysBetween(b, a)}.
     */
    public int workingDaysBetween(LocalDate a, LocalDate b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (b.isBefore(a)) {
            return -workingDaysBetween(b, a);
        }
        int count = 0;
        for (LocalDate d = a.plusDays(1); !d.isAfter(b); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The {@code n}-th working day after {@code date} ({@code date} itself not counted): a dispute
     * received on a Friday "within 5 working days" is due on the date this returns for 5.
     * {@code plusWorkingDays(date, 0)} is {@code date}, working day or not.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     * @throws IllegalStateException if no working day comes within {@link #MAX_CLOSED_DAYS}
     */
    public LocalDate plusWorkingDays(LocalDate date, int n) {
        Objects.requireNonNull(date, "date");
        if (n < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + n);
        }
        LocalDate d = date;
        int found = 0;
        int closedRun = 0;
        while (found < n) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                found++;
                closedRun = 0;
            } else if (++closedRun > MAX_CLOSED_DAYS || neverOpensAfter(d)) {
                throw neverOpens("working day " + (found + 1) + " of " + n + " after " + date, d);
            }
        }
        return d;
    }

    // ---------------------------------------------------------------- instants

    /** Whether {@code t} lies in an opening interval (start inclusive, end exclusive). */
    public boolean isOpen(Instant t) {
        Objects.requireNonNull(t, "t");
        LocalDate day = localDate(t);
        for (LocalDate d = day.minusDays(1); !d.isAfter(day.plusDays(1)); d = d.plusDays(1)) {
            for (Span span : openSpans(d)) {
                if (span.contains(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The first instant at or after {@code t} at which the calendar is open: {@code t} itself if
     * open. Empty if the calendar never opens again (see the class comment for the bound).
     */
    public Optional<Instant> nextOpening(Instant t) {
        Objects.requireNonNull(t, "t");
        int closedRun = 0;
        for (LocalDate d = localDate(t).minusDays(1); ; d = d.plusDays(1)) {
            for (Span span : openSpans(d)) {
                if (span.end.isAfter(t)) {
                    return Optional.of(latest(span.start, t));
                }
            }
            if (++closedRun > MAX_CLOSED_DAYS || neverOpensAfter(d)) {
                return Optional.empty();
            }
        }
    }

    /**
     * Open time in {@code [a, b)}, measured in real elapsed time. Zero when {@code a == b}; when
     * {@code b < a}, the negation of {@code businessTimeBetween(b, a)} (as {@link Duration#between}).
     */
    public Duration businessTimeBetween(Instant a, Instant b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (b.isBefore(a)) {
            return businessTimeBetween(b, a).negated();
        }
        Duration total = Duration.ZERO;
        LocalDate last = localDate(b).plusDays(1);
        for (LocalDate d = localDate(a).minusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
            for (Span span : openSpans(d)) {
                Instant from = latest(span.start, a);
                Instant to = span.end.isBefore(b) ? span.end : b;
                if (from.isBefore(to)) {
                    total = total.plus(Duration.between(from, to));
                }
            }
        }
        return total;
    }

    /**
     * The earliest instant at which {@code business} open time has elapsed after {@code t}: open
     * time from {@code t} on is counted until it adds up. So the answer may be a closing time
     * (Friday 19:00 plus one hour, closing at 20:00, is Friday 20:00), never a later opening; and
     * {@code plus(t, ZERO)} is {@code t} itself, even when the calendar is closed at {@code t}.
     * {@code businessTimeBetween(t, plus(t, d))} equals {@code d}.
     *
     * @throws IllegalArgumentException if {@code business} is negative
     * @throws IllegalStateException if the calendar stops opening before the time has elapsed
     */
    public Instant plus(Instant t, Duration business) {
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(business, "business");
        if (business.isNegative()) {
            throw new IllegalArgumentException("business duration must not be negative: " + business);
        }
        if (business.isZero()) {
            return t;
        }
        Duration remaining = business;
        int closedRun = 0;
        for (LocalDate d = localDate(t).minusDays(1); ; d = d.plusDays(1)) {
            boolean opened = false;
            for (Span span : openSpans(d)) {
                if (!span.end.isAfter(t)) {
                    continue;
                }
                Instant from = latest(span.start, t);
                Duration available = Duration.between(from, span.end);
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
                opened = true;
            }
            closedRun = opened ? 0 : closedRun + 1;
            if (closedRun > MAX_CLOSED_DAYS || neverOpensAfter(d)) {
                throw neverOpens(business + " of business time after " + t + " (" + remaining + " left)", d);
            }
        }
    }

    // ---------------------------------------------------------------- internals

    /** An opening as real instants, start inclusive, end exclusive, never empty. */
    private record Span(Instant start, Instant end) {
        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    private List<Span> openSpans(LocalDate date) {
        List<OpeningInterval> intervals = hoursOn(date).intervals();
        if (intervals.isEmpty()) {
            return List.of();
        }
        List<Span> spans = new ArrayList<>(intervals.size());
        for (OpeningInterval interval : intervals) {
            Instant start = toInstant(date, interval.startSecond());
            Instant end = toInstant(date, interval.endSecond());
            if (start.isBefore(end)) { // an interval wholly inside a gap does not exist
                spans.add(new Span(start, end));
            }
        }
        return spans;
    }

    /**
     * The instant at which the zone's clocks show {@code secondOfDay} on {@code date}; 86400 is the
     * next day's 00:00. A time in a gap maps to the transition (the first instant after the gap);
     * a time in an overlap maps to its first occurrence. The mapping never decreases with local
     * time, so intervals keep their order and touching intervals stay contiguous.
     */
    private Instant toInstant(LocalDate date, int secondOfDay) {
        LocalDateTime local = date.atStartOfDay().plusSeconds(secondOfDay);
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition == null) {
            return local.toInstant(rules.getOffset(local));
        }
        if (transition.isGap()) {
            return transition.getInstant();
        }
        // Overlap: the offset before the transition is the larger one, giving the earlier instant.
        return local.toInstant(transition.getOffsetBefore());
    }

    private LocalDate localDate(Instant t) {
        return LocalDate.ofInstant(t, zone);
    }

    /** True when no date after {@code d} can open: no weekly hours, and no exception with hours after {@code d}. */
    private boolean neverOpensAfter(LocalDate d) {
        if (weeklyHours.values().stream().anyMatch(h -> !h.isClosed())) {
            return false;
        }
        return exceptions.entrySet().stream().noneMatch(e -> e.getKey().isAfter(d) && !e.getValue().isClosed());
    }

    private IllegalStateException neverOpens(String what, LocalDate lastSearched) {
        return new IllegalStateException("business calendar (zone " + zone + ") never opens again: searched up to "
                + lastSearched + " (at most " + MAX_CLOSED_DAYS + " closed days in a row) for " + what);
    }

    private static Instant latest(Instant x, Instant y) {
        return x.isAfter(y) ? x : y;
    }

    // ---------------------------------------------------------------- builder

    /** Builds a calendar in code; giving a day, holiday or exception twice is an error, as in the spec. */
    public static final class Builder {
        private final ZoneId zone;
        private final EnumMap<DayOfWeek, DailyHours> weekly = new EnumMap<>(DayOfWeek.class);
        private final Set<LocalDate> holidays = new TreeSet<>();
        private final Map<LocalDate, DailyHours> exceptions = new TreeMap<>();

        private Builder(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
        }

        /** The weekly hours of the given days. */
        public Builder hours(DailyHours hours, DayOfWeek... days) {
            Objects.requireNonNull(hours, "hours");
            for (DayOfWeek day : days) {
                if (weekly.putIfAbsent(day, hours) != null) {
                    throw new IllegalArgumentException("hours of " + day + " given twice");
                }
            }
            return this;
        }

        public Builder hours(DayOfWeek day, OpeningInterval... intervals) {
            return hours(new DailyHours(Arrays.asList(intervals)), day);
        }

        public Builder holiday(LocalDate... dates) {
            for (LocalDate date : dates) {
                if (!holidays.add(Objects.requireNonNull(date, "holiday"))) {
                    throw new IllegalArgumentException("holiday " + date + " given twice");
                }
            }
            return this;
        }

        /** Special hours for one date; they replace the weekly hours and win over a holiday. */
        public Builder exception(LocalDate date, DailyHours hours) {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(hours, "hours");
            if (exceptions.putIfAbsent(date, hours) != null) {
                throw new IllegalArgumentException("exception for " + date + " given twice");
            }
            return this;
        }

        public Builder exception(LocalDate date, OpeningInterval... intervals) {
            return exception(date, new DailyHours(Arrays.asList(intervals)));
        }

        public BusinessCalendar build() {
            return new BusinessCalendar(zone, weekly, holidays, exceptions);
        }
    }
}
