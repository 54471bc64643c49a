package io.switchboard.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CalendarSpecTest {

    static final DailyHours SPLIT = DailyHours.of(
            OpeningInterval.of(LocalTime.of(8, 0), LocalTime.of(12, 0)),
            OpeningInterval.of(LocalTime.of(13, 0), LocalTime.of(20, 0)));

    @Test
    void readsEveryClause() {
        BusinessCalendar c = CalendarSpec.parse("zone=Asia/Shanghai; mon-fri=08:00-12:00,13:00-20:00; sat=09:00-13:00; "
                + "holidays=2026-10-01..2026-10-03,2026-12-25; open=2026-09-27 08:00-20:00; open=2026-10-02 10:00-14:00");
        assertEquals(ZoneId.of("Asia/Shanghai"), c.zone());
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            assertEquals(SPLIT, c.weeklyHours().get(day), day.toString());
        }
        assertEquals(DailyHours.of(OpeningInterval.of(LocalTime.of(9, 0), LocalTime.of(13, 0))), c.weeklyHours().get(DayOfWeek.SATURDAY));
        assertEquals(DailyHours.CLOSED, c.weeklyHours().get(DayOfWeek.SUNDAY));
        assertEquals(Set.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3), LocalDate.of(2026, 12, 25)),
                c.holidays());
        assertEquals(2, c.exceptions().size());
        // the exception wins over the holiday
        assertEquals("10:00-14:00", c.hoursOn(LocalDate.of(2026, 10, 2)).toString());
        assertEquals("closed", c.hoursOn(LocalDate.of(2026, 10, 1)).toString());
        assertEquals("08:00-20:00", c.hoursOn(LocalDate.of(2026, 9, 27)).toString());
        assertEquals("08:00-12:00,13:00-20:00", c.hoursOn(LocalDate.of(2026, 9, 28)).toString());
    }

    @Test
    void blanksCaseWrappingRangesListsAndMidnight() {
        BusinessCalendar c = CalendarSpec.parse("  ZONE = Europe/Istanbul ;  FRI-Mon = 20:00-24:00 ; tue,THU=closed;wed=13:00-20:00, 08:00-12:00 ;;");
        for (DayOfWeek day : List.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY)) {
            assertEquals("20:00-24:00", c.weeklyHours().get(day).toString(), day.toString());
        }
        assertTrue(c.weeklyHours().get(DayOfWeek.TUESDAY).isClosed());
        assertTrue(c.weeklyHours().get(DayOfWeek.THURSDAY).isClosed());
        // intervals come back sorted
        assertEquals(SPLIT, c.weeklyHours().get(DayOfWeek.WEDNESDAY));
        assertTrue(c.weeklyHours().get(DayOfWeek.MONDAY).intervals().get(0).endsAtMidnight());
    }

    @Test
    void twentyFourSevenAndDaily() {
        assertEquals(BusinessCalendar.twentyFourSeven(ZoneOffset.UTC), CalendarSpec.parse("24x7"));
        assertEquals(BusinessCalendar.twentyFourSeven(ZoneId.of("Asia/Singapore")), CalendarSpec.parse("zone=Asia/Singapore; 24x7"));
        assertEquals(CalendarSpec.parse("zone=Asia/Singapore; 24x7"), CalendarSpec.parse("zone=Asia/Singapore; daily=00:00-24:00"));
        assertEquals(CalendarSpec.parse("zone=Asia/Kolkata; daily=08:00-20:00"),
                CalendarSpec.parse("zone=Asia/Kolkata; mon-sun=08:00-20:00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "zone=Asia/Shanghai; mon-fri=08:00-12:00,13:00-20:00; sat=09:00-13:00; holidays=2026-10-01,2026-10-02; "
                    + "open=2026-09-27 08:00-20:00; open=2026-10-02 10:00-14:00",
            "zone=Europe/Berlin; 24x7; holidays=2026-12-24",
            "zone=Asia/Kolkata; daily=08:00-20:00",
            "zone=Europe/Istanbul; mon=09:00-17:00; wed=09:00-17:00; fri-sun=00:00-24:00",
            "zone=UTC",
    })
    void formatsToTheSameTextItParses(String spec) {
        BusinessCalendar c = CalendarSpec.parse(spec);
        assertEquals(spec, c.toSpec());
        assertEquals(c, CalendarSpec.parse(c.toSpec()));
    }

    @ParameterizedTest(name = "''{0}'' names ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "zone=Asia/Shanghai; mon=08:00-12:00,11:00-13:00 | 08:00-12:00 and 11:00-13:00 overlap",
            "zone=Asia/Shanghai; mon=12:00-08:00            | 12:00-08:00 ends before it starts",
            "zone=UTC; mon=08:00-08:00                      | 08:00-08:00 is empty",
            "zone=Mars/Olympus; mon=08:00-12:00             | unknown time zone 'Mars/Olympus'",
            "zone=UTC; mnday=08:00-12:00                    | day name 'mnday'",
            "zone=UTC; mon-fry=08:00-12:00                  | day name 'fry'",
            "zone=UTC; colour=blue                          | 'colour'",
            "zone=UTC; holidays=2026-02-30                  | '2026-02-30' is not a date",
            "zone=UTC; holidays=2026-10-07..2026-10-01      | '2026-10-07..2026-10-01' ends before it starts",
            "zone=UTC; holidays=2026-10-01,2026-10-01       | holiday 2026-10-01 given twice",
            "zone=UTC; open=2026-13-01 08:00-12:00          | '2026-13-01' is not a date",
            "zone=UTC; open=2026-10-01                      | '2026-10-01' is not '<date> <hours>'",
            "zone=UTC; open=2026-10-01 08:00-12:00; open=2026-10-01 09:00-10:00 | exception for 2026-10-01 given twice",
            "zone=UTC; mon=8-12                             | '8' is not a time",
            "zone=UTC; mon=08:00-25:00                      | '25:00' is not a valid time",
            "zone=UTC; mon=24:00-24:00                      | 24:00 may only end",
            "zone=UTC; mon=08:00                            | '08:00' is not HH:mm-HH:mm",
            "zone=UTC; mon=                                 | no hours given",
            "zone=UTC; mon=08:00-12:00; mon-fri=13:00-14:00 | day 'mon' given twice",
            "zone=UTC; mon,mon=08:00-12:00                  | day 'mon' given twice",
            "zone=UTC; 24x7; mon=08:00-09:00                | 24x7 excludes day clauses",
            "zone=UTC; zone=Asia/Shanghai                   | zone given twice",
            "mon=08:00-12:00                                | zone=<ZoneId> is required",
            "24x7; holidays=2026-12-25                      | zone=<ZoneId> is required",
            "zone=UTC; mon 08:00-12:00                      | clause 'mon 08:00-12:00': not key=value",
    })
    void malformedSpecsNameTheOffendingPart(String spec, String expectedInMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalendarSpec.parse(spec));
        assertTrue(e.getMessage().contains(expectedInMessage), "message: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", " ; "})
    void emptySpecsAreRefused(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalendarSpec.parse(spec));
        assertTrue(e.getMessage().contains("zone") || e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void theClauseIsQuotedInEveryMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CalendarSpec.parse("zone=UTC; sat=09:00-13:00; sun=10:00-09:00"));
        assertEquals("calendar spec, clause 'sun=10:00-09:00': interval 10:00-09:00 ends before it starts", e.getMessage());
    }
}
