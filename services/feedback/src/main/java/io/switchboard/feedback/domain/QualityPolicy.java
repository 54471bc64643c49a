package io.switchboard.feedback.domain;

import io.switchboard.web.errors.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Quality inspection: the inspected share of contacts, the split of the inspected ones over the three methods,
 * the sampling period (every agent is sampled in every period) and how long a review may take.
 * Spec: {@code inspected=1.0;automatic=30;manual=50;call-back=20;period=DAY;due=P2D}.
 * Periods are UTC calendar days, ISO weeks or months; a period is named by its first day (e.g. 2026-11-23).
 */
public record QualityPolicy(double inspectedShare, Map<ReviewMethod, Integer> split, Period period, Duration due) {

    /** The length of a sampling period. */
    public enum Period { DAY, WEEK, MONTH }

    private static final Set<String> KEYS = Set.of("inspected", "automatic", "manual", "call-back", "period", "due");

    public QualityPolicy {
        split = Map.copyOf(split);
        if (split.values().stream().anyMatch(w -> w < 0) || split.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw new InvalidPolicyException("quality policy: the split's weights must be non-negative and not all zero");
        }
    }

    public static QualityPolicy parse(String spec) {
        String context = "quality policy";
        Map<String, String> a = Specs.attributes(spec, KEYS, context);
        Map<ReviewMethod, Integer> split = new EnumMap<>(ReviewMethod.class);
        split.put(ReviewMethod.AUTOMATIC, Specs.integer(Specs.required(a, "automatic", context), "automatic", context));
        split.put(ReviewMethod.MANUAL, Specs.integer(Specs.required(a, "manual", context), "manual", context));
        split.put(ReviewMethod.CALL_BACK, Specs.integer(Specs.required(a, "call-back", context), "call-back", context));
        Period period;
        try {
            period = Period.valueOf(a.getOrDefault("period", "DAY").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException(context + ": period must be DAY, WEEK or MONTH");
        }
        return new QualityPolicy(Specs.share(Specs.required(a, "inspected", context), "inspected", context), split, period,
                Specs.duration(Specs.required(a, "due", context), "due", context));
    }

    /** The first day of the period {@code at} falls in (UTC). */
    public LocalDate periodOf(Instant at) {
        return startOf(at.atZone(ZoneOffset.UTC).toLocalDate());
    }

    /** The period a caller names by any day in it; refused when it is not a date. */
    public LocalDate parsePeriod(String field, String value) {
        try {
            return startOf(LocalDate.parse(value));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidInputException(field, "must be a date (yyyy-mm-dd) in the period");
        }
    }

    private LocalDate startOf(LocalDate day) {
        return switch (period) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            case MONTH -> day.with(TemporalAdjusters.firstDayOfMonth());
        };
    }

    /** The instant after the period that starts on {@code start}. */
    public Instant endOf(LocalDate start) {
        LocalDate next = switch (period) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
        return next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant startInstant(LocalDate start) {
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
