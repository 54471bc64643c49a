package io.switchboard.eventing;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemClockTest {

    @Test
    void withoutAnOffsetItIsTheUtcSystemClock() {
        assertEquals(Clock.systemUTC(), SystemClock.of(Optional.empty()));
        assertEquals(Clock.systemUTC(), SystemClock.of(Optional.of(Duration.ZERO)));
    }

    @Test
    void anOffsetShiftsTheClockWhichKeepsTicking() throws InterruptedException {
        Duration offset = Duration.parse("-PT7H30M");
        Clock shifted = SystemClock.of(Optional.of(offset));
        Instant before = Instant.now().plus(offset);
        Instant first = shifted.instant();
        Thread.sleep(20);
        Instant second = shifted.instant();
        Instant after = Instant.now().plus(offset);
        assertTrue(!first.isBefore(before) && !first.isAfter(after), first + " not within " + before + ".." + after);
        assertTrue(second.isAfter(first), "the shifted clock ticks: " + first + " then " + second);
        assertEquals(java.time.ZoneOffset.UTC, shifted.getZone());
    }
}
