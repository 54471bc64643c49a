package io.switchboard.feedback.report;

import io.switchboard.web.errors.InvalidInputException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** A report's period: [from, to) from days (yyyy-mm-dd, UTC unless a zone is given) or a month (yyyy-mm). */
public record TimeRange(Instant from, Instant to) {

    static final long MAX_DAYS = 400;

    static TimeRange ofDays(String from, String to, ZoneId zone) {
        LocalDate start = day("from", from);
        LocalDate end = day("to", to);
        if (!end.isAfter(start)) {
            throw new InvalidInputException("to", "must be after from (to is exclusive)");
        }
        if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
            throw new InvalidInputException("to", "a report covers at most " + MAX_DAYS + " days");
        }
        return new TimeRange(start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant());
    }

    static YearMonth month(String field, String value) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidInputException(field, "must be a month, yyyy-mm");
        }
    }

    static TimeRange ofMonth(YearMonth month) {
        return new TimeRange(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    static ZoneId zone(String value) {
        if (value == null || value.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new InvalidInputException("zone", "must be a time-zone id such as Europe/Berlin or Asia/Shanghai");
        }
    }

    private static LocalDate day(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidInputException(field, "must be a date, yyyy-mm-dd");
        }
    }
}
