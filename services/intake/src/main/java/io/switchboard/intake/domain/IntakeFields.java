package io.switchboard.intake.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.Duration;

/**
 * The one set of limits for what any channel (web and API, phone, PagerDuty, Alertmanager, the inbound
 * Kafka topics) puts on a ticket. Each channel checks its own fields here under its own names (so an
 * error names {@code payload.component} or {@code alerts[0].labels.service}), and every piece of new
 * work is checked again, under the ticket's names, before anything is written: nothing over-long
 * reaches the database, whatever the channel.
 */
public final class IntakeFields {

    /** One-line summary: PagerDuty's own limit for payload.summary. */
    public static final int SUMMARY = 1024;
    public static final int DESCRIPTION = 20_000;
    public static final int PRODUCT = 100;
    public static final int CATEGORY = 100;
    public static final int REGION = 64;
    /** Customer ids, actors, account managers. */
    public static final int ID = 64;
    /** Call ids, source references, dedup keys. */
    public static final int REFERENCE = 255;
    public static final int DEDUP_SOURCE = 128;
    public static final int SKILL = 64;
    public static final int TIME_ZONE = 64;
    /** Clocks drift: a problem "started" further ahead than this is refused as a far-future timestamp. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * A single line of at most {@code max} characters, trimmed; null for null or blank.
     *
     * @throws InvalidFieldException naming {@code field} when it is longer or holds a control character or a line break
     */
    public static String line(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        length(field, trimmed, max);
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '\n' || c == '\r') {
                throw new InvalidFieldException(field, "must be a single line");
            }
            if (Character.isISOControl(c)) {
                throw new InvalidFieldException(field, String.format("contains the control character U+%04X", (int) c));
            }
        }
        return trimmed;
    }

    /** As {@link #line}, and required. */
    public static String requiredLine(String field, String value, int max) {
        String line = line(field, value, max);
        if (line == null) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        return line;
    }

    /** Free text of at most {@code max} characters; tabs and line breaks allowed, other control characters not. */
    public static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        length(field, value, max);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new InvalidFieldException(field, String.format("contains the control character U+%04X", (int) c));
            }
        }
        return value;
    }

    /** An ISO 639-1 code such as en or zh, or null. */
    public static String language(String field, String value) {
        if (value != null && !value.matches("[a-z]{2}")) {
            throw new InvalidFieldException(field, "must be an ISO 639-1 code such as en or zh");
        }
        return value;
    }

    /** An IANA time-zone id such as Asia/Shanghai (a region id, not an offset), or null. */
    public static String timeZone(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() <= TIME_ZONE && ZoneId.getAvailableZoneIds().contains(value)) {
                return ZoneId.of(value).getId();
            }
        } catch (DateTimeException e) {
            // refused below
        }
        throw new InvalidFieldException(field, "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value)
                + "' is not an IANA time-zone id such as Asia/Shanghai or Europe/Berlin");
    }

    /** A time the problem started, not in the future beyond {@link #MAX_CLOCK_SKEW}; null passes. */
    public static Instant notInTheFuture(String field, Instant value, Instant now) {
        if (value != null && value.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new InvalidFieldException(field, "is in the future: " + value);
        }
        return value;
    }

    private static void length(String field, String value, int max) {
        if (value.codePointCount(0, value.length()) > max) {
            throw new InvalidFieldException(field, "must be at most " + max + " characters");
        }
    }

    private IntakeFields() {
    }
}
