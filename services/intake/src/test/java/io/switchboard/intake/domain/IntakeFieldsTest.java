package io.switchboard.intake.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IntakeFieldsTest {

    @Test
    void aLineIsTrimmedAndBoundedAndNamesItsField() {
        assertEquals("ecs", IntakeFields.line("product", "  ecs ", IntakeFields.PRODUCT));
        assertNull(IntakeFields.line("product", "  ", IntakeFields.PRODUCT));
        var tooLong = assertThrows(InvalidFieldException.class,
                () -> IntakeFields.line("alerts[0].labels.service", "x".repeat(101), IntakeFields.PRODUCT));
        assertEquals("alerts[0].labels.service", tooLong.field());
        assertEquals("must be at most 100 characters", tooLong.problem());
        assertEquals("must be a single line",
                assertThrows(InvalidFieldException.class, () -> IntakeFields.line("summary", "a\nb", 10)).problem());
        assertThrows(InvalidFieldException.class, () -> IntakeFields.line("summary", "a\u0000b", 10));
        assertThrows(InvalidFieldException.class, () -> IntakeFields.requiredLine("summary", null, 10));
    }

    @Test
    void textAllowsLineBreaksButNotOtherControlCharacters() {
        assertEquals("a\nb\tc", IntakeFields.text("description", "a\nb\tc", 10));
        assertThrows(InvalidFieldException.class, () -> IntakeFields.text("description", "a\u0007", 10));
    }

    @Test
    void timeZonesAreIanaRegionIds() {
        assertEquals("Asia/Shanghai", IntakeFields.timeZone("timeZone", "Asia/Shanghai"));
        assertNull(IntakeFields.timeZone("timeZone", null));
        assertEquals("timeZone", assertThrows(InvalidFieldException.class, () -> IntakeFields.timeZone("timeZone", "+08:00")).field());
        assertThrows(InvalidFieldException.class, () -> IntakeFields.timeZone("timeZone", "Asia/Atlantis"));
    }

    @Test
    void aStartInTheFutureBeyondClockSkewIsRefused() {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        assertEquals(now.plusSeconds(60), IntakeFields.notInTheFuture("startsAt", now.plusSeconds(60), now));
        assertThrows(InvalidFieldException.class, () -> IntakeFields.notInTheFuture("startsAt", now.plusSeconds(600), now));
    }
}
