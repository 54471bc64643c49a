package io.switchboard.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The table of cases. Every expected value was worked out by hand from the calendar's spec and a
 * wall calendar (2026-09-25 is a Friday, 2026-10-01 a Thursday; Europe/Berlin springs forward
 * 2026-03-29 at 02:00 CET = 01:00Z and falls back 2026-10-25 at 03:00 CEST = 01:00Z;
 * America/New_York springs forward 2026-03-08 at 02:00 EST = 07:00Z and falls back 2026-11-01 at
 * 02:00 EDT = 06:00Z). Instants are written with the offset in force at that moment, so
 * {@code 02:30+02:00} and {@code 02:30+01:00} on 2026-10-25 are the first and second 02:30.
 */
class BusinessCalendarTest {

    static final Map<String, String> SPECS = Map.ofEntries(
            // Beijing-style service hours, lunch break, Saturday morning; Golden Week holidays,
            // a worked Sunday (09-27) and a holiday open 10:00-14:00 (10-02).
            Map.entry("SH", "zone=Asia/Shanghai; mon-fri=08:00-12:00,13:00-20:00; sat=09:00-13:00; "
                    + "holidays=2026-10-01,2026-10-02,2026-10-05,2026-10-06; "
                    + "open=2026-09-27 08:00-20:00; open=2026-10-02 10:00-14:00"),
            Map.entry("FRA", "zone=Europe/Berlin; mon-fri=08:00-20:00; holidays=2026-12-24,2026-12-25,2026-12-31,2027-01-01"),
            // Night shift Monday 20:00 to Saturday 04:00, across every midnight in between.
            Map.entry("NIGHT", "zone=Asia/Singapore; mon=20:00-24:00; tue-fri=00:00-04:00,20:00-24:00; sat=00:00-04:00"),
            Map.entry("VIP", "zone=Asia/Shanghai; daily=08:00-20:00"),
            Map.entry("ALWAYS", "24x7"),
            Map.entry("BER24", "zone=Europe/Berlin; 24x7"),
            Map.entry("BER_NIGHT", "zone=Europe/Berlin; daily=00:00-06:00"),
            Map.entry("BER_LATE", "zone=Europe/Berlin; daily=02:30-05:00"),
            Map.entry("BER_GAP", "zone=Europe/Berlin; sun=02:00-03:00; mon=09:00-10:00"),
            Map.entry("NY", "zone=America/New_York; mon-fri=09:00-17:00; sun=00:00-04:00"),
            Map.entry("OFFICE", "zone=UTC; mon-fri=09:00-17:00"),
            Map.entry("NEVER", "zone=UTC"),
            Map.entry("ONCE", "zone=UTC; open=2026-10-01 09:00-10:00"));

    static BusinessCalendar cal(String name) {
        return CalendarSpec.parse(SPECS.get(name));
    }

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    @ParameterizedTest(name = "{0}: open at {1} = {2}")
    @CsvSource({
            // inside / outside hours, start inclusive, end exclusive, split-shift lunch gap
            "SH, 2026-09-28T08:00+08:00, true",
            "SH, 2026-09-28T07:59:59+08:00, false",
            "SH, 2026-09-28T12:00+08:00, false",
            "SH, 2026-09-28T12:59:59+08:00, false",
            "SH, 2026-09-28T13:00+08:00, true",
            "SH, 2026-09-28T19:59:59+08:00, true",
            "SH, 2026-09-28T20:00+08:00, false",
            "SH, 2026-09-28T00:30Z, true",
            "SH, 2026-09-26T12:30+08:00, true",
            "SH, 2026-09-26T13:00+08:00, false",
            // exception days: worked Sunday, holiday, holiday open 10-14 (its hours replace the weekly ones)
            "SH, 2026-09-27T10:00+08:00, true",
            "SH, 2026-10-04T10:00+08:00, false",
            "SH, 2026-10-01T10:00+08:00, false",
            "SH, 2026-10-02T10:00+08:00, true",
            "SH, 2026-10-02T09:00+08:00, false",
            "SH, 2026-10-02T14:00+08:00, false",
            "FRA, 2026-11-14T12:00+01:00, false",
            "FRA, 2026-12-24T10:00+01:00, false",
            // across midnight
            "NIGHT, 2026-09-28T23:59+08:00, true",
            "NIGHT, 2026-09-29T00:00+08:00, true",
            "NIGHT, 2026-09-29T03:59:59+08:00, true",
            "NIGHT, 2026-09-29T04:00+08:00, false",
            "NIGHT, 2026-09-28T00:30+08:00, false",
            "NIGHT, 2026-09-27T23:00+08:00, false",
            "VIP, 2026-10-04T19:59+08:00, true",
            "VIP, 2026-10-04T20:00+08:00, false",
            "ALWAYS, 2026-06-01T03:17:00Z, true",
            // daylight saving, spring (gap) and autumn (overlap: +02:00 first pass, +01:00 second pass)
            "BER24, 2026-03-29T03:00+02:00, true",
            "BER_NIGHT, 2026-03-29T01:59:59+01:00, true",
            "BER_NIGHT, 2026-03-29T05:59+02:00, true",
            "BER_NIGHT, 2026-03-29T06:00+02:00, false",
            "BER_NIGHT, 2026-10-25T02:30+01:00, true",
            "BER_NIGHT, 2026-10-25T05:59+01:00, true",
            "BER_NIGHT, 2026-10-25T06:00+01:00, false",
            "BER_LATE, 2026-03-29T01:59:59+01:00, false",
            "BER_LATE, 2026-03-29T03:00+02:00, true",
            "BER_LATE, 2026-03-29T04:59+02:00, true",
            "BER_LATE, 2026-10-25T02:15+02:00, false",
            "BER_LATE, 2026-10-25T02:15+01:00, true",
            "BER_GAP, 2026-03-29T01:59+01:00, false",
            "BER_GAP, 2026-03-29T03:00+02:00, false",
            "BER_GAP, 2026-10-25T02:59+01:00, true",
            "BER_GAP, 2026-10-25T03:00+01:00, false",
            "NY, 2026-03-08T03:59-04:00, true",
            "NY, 2026-03-08T04:00-04:00, false",
            "NY, 2026-11-01T01:30-05:00, true",
            "NEVER, 2026-09-28T12:00Z, false",
    })
    void isOpen(String calendar, String t, boolean expected) {
        assertEquals(expected, cal(calendar).isOpen(at(t)));
    }

    @ParameterizedTest(name = "{0}: next opening from {1} = {2}")
    @CsvSource({
            "SH, 2026-09-28T09:00+08:00, 2026-09-28T09:00+08:00",
            "SH, 2026-09-28T08:00+08:00, 2026-09-28T08:00+08:00",
            "SH, 2026-09-28T12:00+08:00, 2026-09-28T13:00+08:00",
            "SH, 2026-09-28T20:00+08:00, 2026-09-29T08:00+08:00",
            "SH, 2026-09-30T20:00+08:00, 2026-10-02T10:00+08:00",
            "SH, 2026-10-02T07:00+08:00, 2026-10-02T10:00+08:00",
            "SH, 2026-10-03T13:00+08:00, 2026-10-07T08:00+08:00",
            "SH, 2026-09-26T13:00+08:00, 2026-09-27T08:00+08:00",
            "FRA, 2026-11-13T20:00+01:00, 2026-11-16T08:00+01:00",
            "FRA, 2026-12-23T20:00+01:00, 2026-12-28T08:00+01:00",
            "NIGHT, 2026-09-29T04:00+08:00, 2026-09-29T20:00+08:00",
            "NIGHT, 2026-10-03T04:00+08:00, 2026-10-05T20:00+08:00",
            "ALWAYS, 2026-06-01T03:17:00Z, 2026-06-01T03:17:00Z",
            "BER24, 2026-10-25T02:30+01:00, 2026-10-25T02:30+01:00",
            "BER_NIGHT, 2026-03-28T06:00+01:00, 2026-03-29T00:00+01:00",
            "BER_NIGHT, 2026-03-29T06:00+02:00, 2026-03-30T00:00+02:00",
            "BER_NIGHT, 2026-10-24T12:00+02:00, 2026-10-25T00:00+02:00",
            "BER_NIGHT, 2026-10-25T06:00+01:00, 2026-10-26T00:00+01:00",
            // 02:30 does not exist on 03-29: the opening is when the clock jumps to 03:00
            "BER_LATE, 2026-03-29T01:00+01:00, 2026-03-29T03:00+02:00",
            // 02:30 happens twice on 10-25: the opening is the first
            "BER_LATE, 2026-10-25T01:00+02:00, 2026-10-25T02:30+02:00",
            "BER_LATE, 2026-10-25T02:15+02:00, 2026-10-25T02:30+02:00",
            "BER_LATE, 2026-10-25T02:15+01:00, 2026-10-25T02:15+01:00",
            // Sunday 02:00-03:00 on 03-29 lies wholly in the gap: no opening that day
            "BER_GAP, 2026-03-29T00:00+01:00, 2026-03-30T09:00+02:00",
            "BER_GAP, 2026-10-25T00:00+02:00, 2026-10-25T02:00+02:00",
            "NY, 2026-03-07T12:00-05:00, 2026-03-08T00:00-05:00",
            "NY, 2026-03-08T04:00-04:00, 2026-03-09T09:00-04:00",
            "NY, 2026-11-01T04:00-05:00, 2026-11-02T09:00-05:00",
            "ONCE, 2026-09-01T00:00Z, 2026-10-01T09:00Z",
    })
    void nextOpening(String calendar, String t, String expected) {
        assertEquals(Optional.of(at(expected)), cal(calendar).nextOpening(at(t)));
    }

    @ParameterizedTest(name = "{0}: business time in [{1}, {2}) = {3}")
    @CsvSource({
            "SH, 2026-09-28T08:00+08:00, 2026-09-28T20:00+08:00, PT11H",
            "SH, 2026-09-28T11:00+08:00, 2026-09-28T14:00+08:00, PT2H",
            "SH, 2026-09-28T12:15+08:00, 2026-09-28T12:45+08:00, PT0S",
            "SH, 2026-09-28T10:00+08:00, 2026-09-28T10:00+08:00, PT0S",
            "SH, 2026-09-28T14:00+08:00, 2026-09-28T11:00+08:00, -PT2H",
            "SH, 2026-09-28T00:00Z, 2026-09-28T04:00Z, PT4H",
            // Fri 19-20 (1h), Sat 09-13 (4h), worked Sunday 08-20 (12h), Mon 08-09 (1h)
            "SH, 2026-09-25T19:00+08:00, 2026-09-28T09:00+08:00, PT18H",
            // Wed 1h, Thu holiday, Fri holiday open 10-14 (4h), Sat 4h, Sun, Mon and Tue closed, Wed 1h
            "SH, 2026-09-30T19:00+08:00, 2026-10-07T09:00+08:00, PT10H",
            "FRA, 2026-11-13T19:00+01:00, 2026-11-16T09:00+01:00, PT2H",
            // 12-23 (12h), 12-28..30 (36h), 2027-01-04 (12h); 24, 25, 31 and 1 are holidays
            "FRA, 2026-12-23T00:00+01:00, 2027-01-05T00:00+01:00, PT60H",
            "NIGHT, 2026-09-28T22:00+08:00, 2026-09-29T02:00+08:00, PT4H",
            // Mon 4h + Tue..Fri 4 x 8h + Sat 4h
            "NIGHT, 2026-09-28T00:00+08:00, 2026-10-05T00:00+08:00, PT40H",
            "VIP, 2026-10-03T00:00+08:00, 2026-10-05T00:00+08:00, PT24H",
            // 31 + 28 days
            "ALWAYS, 2026-01-01T00:00Z, 2026-03-01T00:00Z, PT1416H",
            "BER24, 2026-03-29T00:00+01:00, 2026-03-30T00:00+02:00, PT23H",
            "BER24, 2026-10-25T00:00+02:00, 2026-10-26T00:00+01:00, PT25H",
            "BER_NIGHT, 2026-03-29T00:00+01:00, 2026-03-29T12:00+02:00, PT5H",
            "BER_NIGHT, 2026-10-25T00:00+02:00, 2026-10-25T12:00+01:00, PT7H",
            "BER_NIGHT, 2026-10-25T12:00+01:00, 2026-10-25T00:00+02:00, -PT7H",
            "BER_NIGHT, 2026-03-29T12:00+02:00, 2026-03-29T00:00+01:00, -PT5H",
            "BER_NIGHT, 2026-03-28T00:00+01:00, 2026-03-31T00:00+02:00, PT17H",
            "BER_NIGHT, 2026-10-24T00:00+02:00, 2026-10-27T00:00+01:00, PT19H",
            "BER_NIGHT, 2026-03-29T01:30+01:00, 2026-03-29T03:30+02:00, PT1H",
            "BER_NIGHT, 2026-10-25T02:30+02:00, 2026-10-25T02:30+01:00, PT1H",
            "BER_LATE, 2026-03-29T00:00+01:00, 2026-03-30T00:00+02:00, PT2H",
            "BER_LATE, 2026-10-25T00:00+02:00, 2026-10-26T00:00+01:00, PT3H30M",
            "BER_GAP, 2026-03-29T00:00+01:00, 2026-03-30T00:00+02:00, PT0S",
            "BER_GAP, 2026-10-25T00:00+02:00, 2026-10-26T00:00+01:00, PT2H",
            "BER_GAP, 2026-03-22T00:00+01:00, 2026-03-23T00:00+01:00, PT1H",
            "NY, 2026-03-08T00:00-05:00, 2026-03-08T12:00-04:00, PT3H",
            "NY, 2026-11-01T00:00-04:00, 2026-11-01T12:00-05:00, PT5H",
            "NEVER, 2026-01-01T00:00Z, 2027-01-01T00:00Z, PT0S",
    })
    void businessTimeBetween(String calendar, String a, String b, String expected) {
        assertEquals(Duration.parse(expected), cal(calendar).businessTimeBetween(at(a), at(b)));
    }

    @ParameterizedTest(name = "{0}: {1} plus {2} business = {3}")
    @CsvSource({
            "SH, 2026-09-28T11:00+08:00, PT2H, 2026-09-28T14:00+08:00",
            "SH, 2026-09-28T12:30+08:00, PT0S, 2026-09-28T12:30+08:00",
            "SH, 2026-09-28T12:30+08:00, PT1S, 2026-09-28T13:00:01+08:00",
            "SH, 2026-09-28T19:00+08:00, PT1H, 2026-09-28T20:00+08:00",
            "SH, 2026-09-28T08:00+08:00, PT4H, 2026-09-28T12:00+08:00",
            "SH, 2026-09-28T08:00+08:00, PT4H1M, 2026-09-28T13:01+08:00",
            "SH, 2026-09-28T08:00+08:00, PT11H, 2026-09-28T20:00+08:00",
            "SH, 2026-09-30T19:00+08:00, PT2H, 2026-10-02T11:00+08:00",
            "SH, 2026-10-03T12:00+08:00, PT2H, 2026-10-07T09:00+08:00",
            // Friday evening plus two business hours is Monday morning
            "FRA, 2026-11-13T19:00+01:00, PT2H, 2026-11-16T09:00+01:00",
            "FRA, 2026-12-23T19:00+01:00, PT2H, 2026-12-28T09:00+01:00",
            "NIGHT, 2026-09-28T23:00+08:00, PT2H, 2026-09-29T01:00+08:00",
            "NIGHT, 2026-09-28T20:00+08:00, PT8H, 2026-09-29T04:00+08:00",
            "NIGHT, 2026-10-03T03:00+08:00, PT2H, 2026-10-05T21:00+08:00",
            "VIP, 2026-10-03T19:00+08:00, PT2H, 2026-10-04T09:00+08:00",
            "ALWAYS, 2026-01-31T12:00Z, PT48H, 2026-02-02T12:00Z",
            "ALWAYS, 2026-06-01T00:00Z, PT0S, 2026-06-01T00:00Z",
            "BER24, 2026-03-28T12:00+01:00, PT24H, 2026-03-29T13:00+02:00",
            "BER24, 2026-10-24T12:00+02:00, PT24H, 2026-10-25T11:00+01:00",
            "BER_NIGHT, 2026-03-29T01:30+01:00, PT1H, 2026-03-29T03:30+02:00",
            "BER_NIGHT, 2026-03-29T00:00+01:00, PT5H, 2026-03-29T06:00+02:00",
            "BER_NIGHT, 2026-03-29T00:00+01:00, PT5H30M, 2026-03-30T00:30+02:00",
            "BER_NIGHT, 2026-10-25T02:30+02:00, PT1H, 2026-10-25T02:30+01:00",
            "BER_NIGHT, 2026-10-25T00:00+02:00, PT7H, 2026-10-25T06:00+01:00",
            "BER_NIGHT, 2026-10-25T00:00+02:00, PT7H1M, 2026-10-26T00:01+01:00",
            "BER_LATE, 2026-03-29T00:00+01:00, PT2H, 2026-03-29T05:00+02:00",
            "BER_LATE, 2026-03-29T00:00+01:00, PT2H30M, 2026-03-30T03:00+02:00",
            "BER_LATE, 2026-10-25T02:30+02:00, PT1H, 2026-10-25T02:30+01:00",
            "BER_LATE, 2026-10-25T02:30+02:00, PT3H30M, 2026-10-25T05:00+01:00",
            "BER_LATE, 2026-10-25T02:30+02:00, PT3H31M, 2026-10-26T02:31+01:00",
            "BER_GAP, 2026-03-29T00:00+01:00, PT30M, 2026-03-30T09:30+02:00",
            "BER_GAP, 2026-10-25T00:00+02:00, PT90M, 2026-10-25T02:30+01:00",
            "NY, 2026-03-08T01:30-05:00, PT1H, 2026-03-08T03:30-04:00",
            "NY, 2026-11-01T01:30-04:00, PT1H, 2026-11-01T01:30-05:00",
            "NY, 2026-11-01T00:00-04:00, PT6H, 2026-11-02T10:00-05:00",
            "NY, 2026-03-06T16:00-05:00, PT2H, 2026-03-08T01:00-05:00",
            "ONCE, 2026-09-01T00:00Z, PT1H, 2026-10-01T10:00Z",
            "NEVER, 2026-09-28T12:00Z, PT0S, 2026-09-28T12:00Z",
    })
    void plus(String calendar, String t, String business, String expected) {
        assertEquals(at(expected), cal(calendar).plus(at(t), Duration.parse(business)));
    }

    @ParameterizedTest(name = "{0}: working days in ({1}, {2}] = {3}")
    @CsvSource({
            // Golden Week: 10-01, 10-05, 10-06 closed, 10-02 a holiday that opens, 10-03 a Saturday morning
            "SH, 2026-09-30, 2026-10-07, 3",
            "SH, 2026-10-07, 2026-09-30, -3",
            "SH, 2026-09-25, 2026-10-09, 10",
            "SH, 2026-10-03, 2026-10-03, 0",
            // Christmas week in Frankfurt: 24 and 25 are holidays
            "FRA, 2026-12-21, 2026-12-27, 2",
            "FRA, 2026-12-20, 2026-12-27, 3",
            "FRA, 2026-12-23, 2027-01-04, 4",
            "ALWAYS, 2026-09-25, 2026-10-05, 10",
            "NY, 2026-03-06, 2026-03-09, 2",
            "BER_NIGHT, 2026-03-27, 2026-03-30, 3",
            // a working day is one with configured hours, even if they fall in that night's gap
            "BER_GAP, 2026-03-28, 2026-03-30, 2",
            "NEVER, 2026-01-01, 2026-12-31, 0",
    })
    void workingDaysBetween(String calendar, String a, String b, int expected) {
        assertEquals(expected, cal(calendar).workingDaysBetween(LocalDate.parse(a), LocalDate.parse(b)));
    }

    @ParameterizedTest(name = "{0}: {1} plus {2} working days = {3}")
    @CsvSource({
            "SH, 2026-09-30, 5, 2026-10-09",
            "SH, 2026-10-03, 1, 2026-10-07",
            "SH, 2026-10-01, 0, 2026-10-01",
            "FRA, 2026-12-23, 5, 2027-01-05",
            "FRA, 2026-12-18, 5, 2026-12-29",
            "FRA, 2026-11-13, 1, 2026-11-16",
            "ALWAYS, 2026-12-30, 3, 2027-01-02",
            "ONCE, 2026-09-01, 1, 2026-10-01",
            "NEVER, 2026-09-01, 0, 2026-09-01",
    })
    void plusWorkingDays(String calendar, String date, int n, String expected) {
        assertEquals(LocalDate.parse(expected), cal(calendar).plusWorkingDays(LocalDate.parse(date), n));
    }

    @Test
    void aCalendarThatNeverOpensSaysSo() {
        BusinessCalendar never = cal("NEVER");
        Instant t = at("2026-09-28T12:00Z");
        assertEquals(Optional.empty(), never.nextOpening(t));
        IllegalStateException plus = assertThrows(IllegalStateException.class, () -> never.plus(t, Duration.ofHours(1)));
        assertTrue(plus.getMessage().contains("never opens"), plus.getMessage());
        assertThrows(IllegalStateException.class, () -> never.plusWorkingDays(LocalDate.parse("2026-09-28"), 1));

        BusinessCalendar once = cal("ONCE");
        assertEquals(Optional.empty(), once.nextOpening(at("2026-10-01T10:00Z")));
        assertThrows(IllegalStateException.class, () -> once.plus(at("2026-09-01T00:00Z"), Duration.ofMinutes(61)));
        assertThrows(IllegalStateException.class, () -> once.plusWorkingDays(LocalDate.parse("2026-09-01"), 2));
    }

    @Test
    void theSearchGivesUpAfterThreeClosedYearsButNotBefore() {
        // Open Mondays 09:00-10:00, but every Monday is a holiday for five years (2026-01-05 .. 2030-12-30).
        BusinessCalendar.Builder fiveYears = BusinessCalendar.builder(ZoneOffset.UTC)
                .hours(DayOfWeek.MONDAY, OpeningInterval.parse("09:00-10:00"));
        for (LocalDate d = LocalDate.parse("2026-01-05"); !d.isAfter(LocalDate.parse("2030-12-30")); d = d.plusWeeks(1)) {
            fiveYears.holiday(d);
        }
        BusinessCalendar closedTooLong = fiveYears.build();
        Instant t = at("2026-01-01T00:00Z");
        assertEquals(Optional.empty(), closedTooLong.nextOpening(t));
        assertThrows(IllegalStateException.class, () -> closedTooLong.plus(t, Duration.ofMinutes(1)));
        assertThrows(IllegalStateException.class, () -> closedTooLong.plusWorkingDays(LocalDate.parse("2026-01-01"), 1));

        // Two years of Monday holidays (2026-01-05 .. 2027-12-27) is long but not "never": 2028-01-03 is a Monday.
        BusinessCalendar.Builder twoYears = BusinessCalendar.builder(ZoneOffset.UTC)
                .hours(DayOfWeek.MONDAY, OpeningInterval.parse("09:00-10:00"));
        for (LocalDate d = LocalDate.parse("2026-01-05"); !d.isAfter(LocalDate.parse("2027-12-27")); d = d.plusWeeks(1)) {
            twoYears.holiday(d);
        }
        BusinessCalendar closedLong = twoYears.build();
        assertEquals(Optional.of(at("2028-01-03T09:00Z")), closedLong.nextOpening(t));
        assertEquals(at("2028-01-03T09:01Z"), closedLong.plus(t, Duration.ofMinutes(1)));
        assertEquals(LocalDate.parse("2028-01-03"), closedLong.plusWorkingDays(LocalDate.parse("2026-01-01"), 1));
    }

    @Test
    void negativeArgumentsAreRefused() {
        BusinessCalendar sh = cal("SH");
        assertThrows(IllegalArgumentException.class, () -> sh.plus(at("2026-09-28T08:00+08:00"), Duration.ofHours(-1)));
        assertThrows(IllegalArgumentException.class, () -> sh.plusWorkingDays(LocalDate.parse("2026-09-28"), -1));
    }

    @Test
    void longSpansWalkDayByDay() {
        // 2026-01-05 and 2027-01-04 are Mondays: 52 weeks of 5 x 8 hours.
        BusinessCalendar office = cal("OFFICE");
        assertEquals(Duration.ofHours(2080),
                office.businessTimeBetween(at("2026-01-05T00:00Z"), at("2027-01-04T00:00Z")));
        // The 2080th hour ends at the 52nd Friday's closing, 2027-01-01 17:00.
        assertEquals(at("2027-01-01T17:00Z"), office.plus(at("2026-01-05T09:00Z"), Duration.ofHours(2080)));
        // Ten years, 3652 days (2028 and 2032 are leap years).
        assertEquals(Duration.ofHours(3652 * 24),
                cal("ALWAYS").businessTimeBetween(at("2026-01-01T00:00Z"), at("2036-01-01T00:00Z")));
        assertEquals(261, office.workingDaysBetween(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-01")));
    }

    /** Not a hand-computed table: the two operations must agree with each other wherever they start. */
    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource({
            "SH, 2026-09-25T00:00+08:00",
            "NIGHT, 2026-10-02T00:00+08:00",
            "BER_NIGHT, 2026-03-28T20:00+01:00",
            "BER_NIGHT, 2026-10-24T20:00+02:00",
            "BER_LATE, 2026-03-28T20:00+01:00",
            "BER_LATE, 2026-10-24T20:00+02:00",
            "BER_GAP, 2026-03-28T20:00+01:00",
            "BER_GAP, 2026-10-24T20:00+02:00",
            "BER24, 2026-10-24T20:00+02:00",
            "NY, 2026-03-07T20:00-05:00",
            "NY, 2026-10-31T20:00-04:00",
    })
    void plusAndBusinessTimeBetweenAgree(String calendar, String from) {
        BusinessCalendar c = cal(calendar);
        for (int step = 0; step < 72; step++) {
            Instant t = at(from).plus(Duration.ofMinutes(37L * step));
            for (long minutes : new long[] {1, 30, 61, 240, 725}) {
                Duration d = Duration.ofMinutes(minutes);
                Instant end = c.plus(t, d);
                assertEquals(d, c.businessTimeBetween(t, end), "from " + t + " plus " + d);
                assertTrue(c.isOpen(end.minusSeconds(1)), "the last second before " + end + " is open");
                assertEquals(c.nextOpening(t).orElseThrow(), c.nextOpening(c.nextOpening(t).orElseThrow()).orElseThrow());
            }
        }
    }

    @Test
    void builtInCodeEqualsParsedFromText() {
        BusinessCalendar built = BusinessCalendar.builder(java.time.ZoneId.of("Asia/Shanghai"))
                .hours(DailyHours.of(OpeningInterval.parse("08:00-12:00"), OpeningInterval.parse("13:00-20:00")),
                        DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
                .hours(DayOfWeek.SATURDAY, OpeningInterval.of(LocalTime.of(9, 0), LocalTime.of(13, 0)))
                .holiday(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 6))
                .exception(LocalDate.of(2026, 9, 27), OpeningInterval.parse("08:00-20:00"))
                .exception(LocalDate.of(2026, 10, 2), OpeningInterval.parse("10:00-14:00"))
                .build();
        assertEquals(cal("SH"), built);
        assertEquals(BusinessCalendar.twentyFourSeven(ZoneOffset.UTC), cal("ALWAYS"));
    }
}
