package io.switchboard.escalation.domain;

import java.time.Duration;
import java.util.Locale;

/** Durations in policies: {@code 15m}, {@code 2h}, {@code 3d}, {@code 90s}, or ISO 8601 ({@code PT15M}). */
public final class Durations {

    public static Duration parse(String text, String context) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return positive(Duration.parse(value.toUpperCase(Locale.ROOT)), text, context);
            }
            if (value.length() >= 2) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                Duration d = switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> null;
                };
                if (d != null) {
                    return positive(d, text, context);
                }
            }
        } catch (RuntimeException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(context + ": '" + text + "' is not a duration such as 15m, 2h, 3d or PT15M");
    }

    private static Duration positive(Duration d, String text, String context) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(context + ": '" + text + "' must be longer than zero");
        }
        return d;
    }

    /** The shortest of the formats above, e.g. {@code 15m}. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s % 86400 == 0) return s / 86400 + "d";
        if (s % 3600 == 0) return s / 3600 + "h";
        if (s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }

    private Durations() {
    }
}
