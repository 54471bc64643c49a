package io.switchboard.routing.domain;

import io.switchboard.calendar.CalendarSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShiftRosterTest {

    // Monday 2026-11-30; shifts 09:00-17:00 Berlin (08:00-16:00Z), Monday to Friday
    @ParameterizedTest(name = "{0} while {1}: {2}")
    @CsvSource(nullValues = "-", value = {
            "2026-11-30T10:00:00Z, OFFLINE, AVAILABLE",
            "2026-11-30T10:00:00Z, AWAY, -",
            "2026-11-30T10:00:00Z, BUSY, -",
            "2026-11-30T10:00:00Z, AVAILABLE, -",
            "2026-11-30T17:00:00Z, AVAILABLE, OFFLINE",
            "2026-11-30T17:00:00Z, AWAY, OFFLINE",
            "2026-11-30T17:00:00Z, OFFLINE, -",
            "2026-12-05T10:00:00Z, OFFLINE, -"})
    void theRosterSetsPresence(Instant now, Presence current, Presence expected) {
        assertEquals(expected, ShiftRoster.presenceAt(CalendarSpec.parse("zone=Europe/Berlin; mon-fri=09:00-17:00"), now, current));
    }
}
