package io.switchboard.compensation.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A calendar month in the subscription's billing time zone: it starts at local midnight of its first
 * day and ends at local midnight of the next month's, so a month of a zone with daylight saving may
 * have an hour more or less than 30 x 24 h.
 */
public record BillingMonth(YearMonth month, ZoneId zone) {

    public BillingMonth {
        if (month == null || zone == null) {
            throw new IllegalArgumentException("a billing month needs a month and a time zone");
        }
    }

    public static BillingMonth of(int year, int month, ZoneId zone) {
        return new BillingMonth(YearMonth.of(year, month), zone);
    }

    public static BillingMonth containing(Instant t, ZoneId zone) {
        return new BillingMonth(YearMonth.from(t.atZone(zone)), zone);
    }

    public Instant start() {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** The end, exclusive: the next month's start. */
    public Instant end() {
        return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    public LocalDate firstDay() {
        return month.atDay(1);
    }

    public Duration length() {
        return Duration.between(start(), end());
    }

    public BillingMonth next() {
        return new BillingMonth(month.plusMonths(1), zone);
    }

    public BillingMonth plusMonths(int n) {
        return new BillingMonth(month.plusMonths(n), zone);
    }

    /**
     * The earliest month still open at {@code now}: a month closes (is billed, its credits final) {@code closesAfter}
     * its end; the month of {@code now} is always open.
     */
    public static BillingMonth earliestOpen(Instant now, ZoneId zone, Duration closesAfter) {
        BillingMonth month = containing(now, zone);
        while (month.plusMonths(-1).end().plus(closesAfter).isAfter(now)) {
            month = month.plusMonths(-1);
        }
        return month;
    }

    /** Every billing month that {@code period} touches, in order (one unless it crosses a month boundary). */
    public static List<BillingMonth> touchedBy(Period period, ZoneId zone) {
        List<BillingMonth> months = new ArrayList<>();
        BillingMonth month = containing(period.from(), zone);
        while (month.start().isBefore(period.until())) {
            months.add(month);
            month = month.next();
        }
        return months;
    }

    @Override
    public String toString() {
        return month + " (" + zone + ")";
    }
}
