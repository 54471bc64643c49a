package io.switchboard.compensation.domain;

import io.switchboard.calendar.BusinessCalendar;
import io.switchboard.contracts.compensation.DisputeLevel;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * When a dispute must be decided, by level, and when an unresolved one goes to the review committee. A level's
 * time is elapsed hours ({@code 72h}) or working days on the business calendar ({@code 5wd}: due at the end of
 * the fifth working day after the day it was opened); the committee time is calendar days ({@code 15d}).
 *
 * <p>Spec: {@code LEVEL_1=72h, LEVEL_2=5wd, LEVEL_3=10wd, committee=15d, warn-before=12h}.
 */
public record DisputePolicy(Map<DisputeLevel, Deadline> deadlines, Duration committeeAfter, Duration warnBefore,
                            BusinessCalendar calendar) {

    /** A level's time to decide: hours, or working days. */
    public record Deadline(Duration elapsed, int workingDays) {

        Instant dueAt(Instant openedAt, BusinessCalendar calendar) {
            if (elapsed != null) {
                return openedAt.plus(elapsed);
            }
            LocalDate opened = openedAt.atZone(calendar.zone()).toLocalDate();
            return calendar.plusWorkingDays(opened, workingDays).plusDays(1).atStartOfDay(calendar.zone()).toInstant();
        }

        String spec() {
            return elapsed != null ? elapsed.toHours() + "h" : workingDays + "wd";
        }
    }

    /** Where a dispute stands against its deadlines at a moment. */
    public enum Stage { ON_TIME, NEARING, OVERDUE, COMMITTEE }

    public DisputePolicy {
        deadlines = Map.copyOf(deadlines);
    }

    public static DisputePolicy parse(String spec, BusinessCalendar calendar) {
        Map<DisputeLevel, Deadline> deadlines = new EnumMap<>(DisputeLevel.class);
        Duration committee = null;
        Duration warn = Duration.ZERO;
        for (String clause : spec.split(",")) {
            if (clause.isBlank()) {
                continue;
            }
            String[] kv = clause.split("=", 2);
            if (kv.length != 2) {
                throw new InvalidFieldException("disputes", "clause '" + clause.strip() + "' is not key=value");
            }
            String key = kv[0].strip();
            String value = kv[1].strip().toLowerCase(Locale.ROOT);
            switch (key.toLowerCase(Locale.ROOT)) {
                case "committee" -> committee = duration(key, value);
                case "warn-before" -> warn = duration(key, value);
                default -> {
                    DisputeLevel level;
                    try {
                        level = DisputeLevel.valueOf(key.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new InvalidFieldException("disputes." + key, "is not LEVEL_1, LEVEL_2, LEVEL_3, committee or warn-before");
                    }
                    deadlines.put(level, value.endsWith("wd")
                            ? new Deadline(null, Integer.parseInt(value.substring(0, value.length() - 2)))
                            : new Deadline(duration(key, value), 0));
                }
            }
        }
        for (DisputeLevel level : DisputeLevel.values()) {
            if (level != DisputeLevel.UNKNOWN && !deadlines.containsKey(level)) {
                throw new InvalidFieldException("disputes." + level, "is required");
            }
        }
        if (committee == null) {
            throw new InvalidFieldException("disputes.committee", "is required");
        }
        return new DisputePolicy(deadlines, committee, warn, calendar);
    }

    private static Duration duration(String key, String value) {
        try {
            if (value.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("d")) {
                return Duration.ofDays(Long.parseLong(value.substring(0, value.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw new InvalidFieldException("disputes." + key, "'" + value + "' is not a number of hours (72h) or days (15d)");
    }

    public Instant decisionDueAt(DisputeLevel level, Instant openedAt) {
        Deadline deadline = deadlines.get(level);
        if (deadline == null) {
            throw new InvalidFieldException("level", "must be one of LEVEL_1, LEVEL_2, LEVEL_3");
        }
        return deadline.dueAt(openedAt, calendar);
    }

    public Instant committeeAt(Instant openedAt) {
        return openedAt.plus(committeeAfter);
    }

    public Instant warnAt(Instant dueAt) {
        return dueAt.minus(warnBefore);
    }

    /** The stage of an undecided dispute opened at {@code openedAt} with {@code dueAt}, at {@code now}. */
    public Stage stage(Instant openedAt, Instant dueAt, Instant now) {
        if (!now.isBefore(committeeAt(openedAt))) {
            return Stage.COMMITTEE;
        }
        if (!now.isBefore(dueAt)) {
            return Stage.OVERDUE;
        }
        return !now.isBefore(warnAt(dueAt)) ? Stage.NEARING : Stage.ON_TIME;
    }
}
