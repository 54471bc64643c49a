package io.switchboard.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The text form of a {@link BusinessCalendar}, so that calendars are policy data, not code.
 *
 * <p>Clauses separated by {@code ;}, each {@code key=value}; blanks around parts and the case of
 * keys and day names do not matter; empty clauses are ignored.
 * <pre>
 * zone=Asia/Shanghai; mon-fri=08:00-12:00,13:00-20:00; sat=09:00-13:00;
 * holidays=2026-10-01..2026-10-07,2026-12-25; open=2026-09-27 08:00-20:00; open=2026-10-03 10:00-14:00
 * </pre>
 * <ul>
 *   <li>{@code zone=<ZoneId>}: the time zone (an IANA id such as {@code Europe/Berlin}). Required,
 *       except for a calendar that is open all the time, where it defaults to UTC.</li>
 *   <li>{@code <days>=<hours>}: weekly hours. Days are {@code mon tue wed thu fri sat sun}, ranges
 *       such as {@code mon-fri} (a range may wrap: {@code fri-mon}), comma lists such as
 *       {@code sat,sun}, or {@code daily}. Hours are comma-separated intervals {@code HH:mm-HH:mm},
 *       start inclusive, end exclusive, {@code 24:00} allowed as an end, or {@code closed}. A day
 *       not given is closed; a day given twice is an error.</li>
 *   <li>{@code 24x7}: every day 00:00-24:00 (no day clauses beside it).</li>
 *   <li>{@code holidays=<dates>}: ISO dates or inclusive ranges {@code 2026-10-01..2026-10-07}, closed.</li>
 *   <li>{@code open=<date> <hours>}: that date has these hours instead, even if it is a holiday.
 *       One clause per date.</li>
 * </ul>
 * Malformed input throws {@link IllegalArgumentException} whose message quotes the clause and names
 * the offending part.
 */
public final class CalendarSpec {

    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private CalendarSpec() {
    }

    /** Parses the spec format described on this class. */
    public static BusinessCalendar parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("calendar spec is empty");
        }
        ZoneId zone = null;
        boolean allDay = false;
        boolean anyDayClause = false;
        Map<DayOfWeek, DailyHours> weekly = new TreeMap<>();
        Set<LocalDate> holidays = new TreeSet<>();
        Map<LocalDate, DailyHours> exceptions = new TreeMap<>();

        for (String rawClause : spec.split(";")) {
            String clause = rawClause.strip();
            if (clause.isEmpty()) {
                continue;
            }
            try {
                if (clause.equalsIgnoreCase("24x7")) {
                    if (allDay) {
                        throw new IllegalArgumentException("24x7 given twice");
                    }
                    allDay = true;
                    continue;
                }
                int eq = clause.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("not key=value");
                }
                String key = clause.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = clause.substring(eq + 1).strip();
                switch (key) {
                    case "zone" -> {
                        if (zone != null) {
                            throw new IllegalArgumentException("zone given twice");
                        }
                        zone = parseZone(value);
                    }
                    case "holidays" -> parseHolidays(value, holidays);
                    case "open" -> parseException(value, exceptions);
                    default -> {
                        Set<DayOfWeek> days = parseDays(key); // first, so that an unknown key is named as such
                        DailyHours hours = DailyHours.parse(value);
                        for (DayOfWeek day : days) {
                            if (weekly.putIfAbsent(day, hours) != null) {
                                throw new IllegalArgumentException("day '" + dayName(day) + "' given twice");
                            }
                        }
                        anyDayClause = true;
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("calendar spec, clause '" + clause + "': " + e.getMessage(), e);
            }
        }
        if (allDay) {
            if (anyDayClause) {
                throw new IllegalArgumentException("calendar spec '" + spec.strip() + "': 24x7 excludes day clauses");
            }
            for (DayOfWeek day : DayOfWeek.values()) {
                weekly.put(day, DailyHours.WHOLE_DAY);
            }
        }
        if (zone == null) {
            if (!allDay || !holidays.isEmpty() || !exceptions.isEmpty()) {
                throw new IllegalArgumentException("calendar spec '" + spec.strip() + "': zone=<ZoneId> is required");
            }
            zone = ZoneOffset.UTC;
        }
        return new BusinessCalendar(zone, weekly, holidays, exceptions);
    }

    /** The spec form of a calendar: days with equal hours grouped into ranges, dates sorted. */
    public static String format(BusinessCalendar calendar) {
        List<String> clauses = new ArrayList<>();
        clauses.add("zone=" + calendar.zone().getId());
        DayOfWeek[] days = DayOfWeek.values();
        Set<DailyHours> distinct = Set.copyOf(calendar.weeklyHours().values());
        if (distinct.size() == 1 && !distinct.iterator().next().isClosed()) {
            DailyHours hours = distinct.iterator().next();
            clauses.add(hours.equals(DailyHours.WHOLE_DAY) ? "24x7" : "daily=" + hours);
        } else {
            for (int i = 0; i < days.length; ) {
                DailyHours hours = calendar.weeklyHours().get(days[i]);
                int j = i;
                while (j + 1 < days.length && calendar.weeklyHours().get(days[j + 1]).equals(hours)) {
                    j++;
                }
                if (!hours.isClosed()) {
                    clauses.add(dayName(days[i]) + (j > i ? "-" + dayName(days[j]) : "") + "=" + hours);
                }
                i = j + 1;
            }
        }
        if (!calendar.holidays().isEmpty()) {
            clauses.add("holidays=" + new TreeSet<>(calendar.holidays()).stream()
                    .map(LocalDate::toString).collect(Collectors.joining(",")));
        }
        new TreeMap<>(calendar.exceptions()).forEach((date, hours) -> clauses.add("open=" + date + " " + hours));
        return String.join("; ", clauses);
    }

    private static ZoneId parseZone(String value) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + value + "'", e);
        }
    }

    private static Set<DayOfWeek> parseDays(String key) {
        if (key.equals("daily")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : key.split(",", -1)) {
            String part = item.strip();
            int dash = part.indexOf('-');
            if (dash < 0) {
                addOnce(days, day(part, key), key);
                continue;
            }
            DayOfWeek from = day(part.substring(0, dash).strip(), key);
            DayOfWeek to = day(part.substring(dash + 1).strip(), key);
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                addOnce(days, d, key);
                if (d == to) {
                    break;
                }
            }
        }
        return days;
    }

    private static void addOnce(Set<DayOfWeek> days, DayOfWeek day, String key) {
        if (!days.add(day)) {
            throw new IllegalArgumentException("day '" + dayName(day) + "' given twice in '" + key + "'");
        }
    }

    private static DayOfWeek day(String name, String key) {
        int index = DAY_NAMES.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("unknown key or day name '" + name + "' in '" + key
                    + "' (keys: zone, holidays, open, 24x7; days: " + String.join(" ", DAY_NAMES) + ", daily)");
        }
        return DayOfWeek.of(index + 1);
    }

    private static String dayName(DayOfWeek day) {
        return DAY_NAMES.get(day.getValue() - 1);
    }

    private static void parseHolidays(String value, Set<LocalDate> holidays) {
        for (String item : value.split(",", -1)) {
            String part = item.strip();
            int range = part.indexOf("..");
            LocalDate from = date(range < 0 ? part : part.substring(0, range).strip());
            LocalDate to = range < 0 ? from : date(part.substring(range + 2).strip());
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("holiday range '" + part + "' ends before it starts");
            }
            if (to.isAfter(from.plusYears(1))) {
                throw new IllegalArgumentException("holiday range '" + part + "' is longer than a year");
            }
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                if (!holidays.add(d)) {
                    throw new IllegalArgumentException("holiday " + d + " given twice");
                }
            }
        }
    }

    private static void parseException(String value, Map<LocalDate, DailyHours> exceptions) {
        String[] parts = value.split("\\s+", 2);
        if (parts.length < 2) {
            throw new IllegalArgumentException("'" + value + "' is not '<date> <hours>'");
        }
        LocalDate date = date(parts[0]);
        if (exceptions.putIfAbsent(date, DailyHours.parse(parts[1])) != null) {
            throw new IllegalArgumentException("exception for " + date + " given twice");
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date YYYY-MM-DD", e);
        }
    }
}
