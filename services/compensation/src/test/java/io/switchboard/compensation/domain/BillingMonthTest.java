package io.switchboard.compensation.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which billing months are still open to a recomputation when a subscription's terms change. */
class BillingMonthTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aMonthClosesItsCloseTimeAfterItsEndInItsOwnZone() {
        Instant dec7 = Instant.parse("2026-12-07T11:00:00Z");
        assertEquals(YearMonth.of(2026, 12), BillingMonth.earliestOpen(dec7, UTC, Duration.ZERO).month());
        assertEquals(YearMonth.of(2026, 11), BillingMonth.earliestOpen(dec7, UTC, Duration.ofDays(7)).month());
        assertEquals(YearMonth.of(2026, 12), BillingMonth.earliestOpen(dec7, UTC, Duration.ofDays(6).plusHours(11)).month(),
                "closed at exactly its close time");
        assertEquals(YearMonth.of(2026, 10), BillingMonth.earliestOpen(dec7, UTC, Duration.ofDays(40)).month());
        // 2026-11-30T17:00Z is already December 1 in Shanghai: November has closed there, not yet in UTC.
        Instant eve = Instant.parse("2026-11-30T17:00:00Z");
        assertEquals(YearMonth.of(2026, 12), BillingMonth.earliestOpen(eve, SHANGHAI, Duration.ZERO).month());
        assertEquals(YearMonth.of(2026, 11), BillingMonth.earliestOpen(eve, UTC, Duration.ZERO).month());
    }
}
