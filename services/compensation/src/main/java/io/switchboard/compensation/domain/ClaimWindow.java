package io.switchboard.compensation.domain;

import java.time.Instant;
import java.util.Optional;

/** How long a month's claim may be made: until the end of the {@code cycles}-th billing month after it. */
public final class ClaimWindow {

    private ClaimWindow() {
    }

    public static Instant closesAt(BillingMonth month, int cycles) {
        return month.plusMonths(cycles).end();
    }

    /** Why a claim for {@code month} made at {@code now} is out of the window, if it is. */
    public static Optional<String> refusal(BillingMonth month, int cycles, Instant now) {
        Instant closes = closesAt(month, cycles);
        if (!now.isBefore(closes)) {
            return Optional.of("claims for " + month.month() + " closed at " + closes + " (" + cycles
                    + " billing cycles after the month); claimed at " + now);
        }
        if (now.isBefore(month.start())) {
            return Optional.of("the period " + month.month() + " has not begun");
        }
        return Optional.empty();
    }
}
