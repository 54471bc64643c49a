package io.switchboard.intake.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reading the contracts' enums from configuration text; UNKNOWN is a reader-side fallback, never a value we accept. */
final class Enums {

    private static final String UNKNOWN = "UNKNOWN";

    static <E extends Enum<E>> E parse(Class<E> type, String value, String context) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : known(type)) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(String.format("%s: unknown %s '%s'; expected one of %s",
                context, label(type), value, names(type)));
    }

    static <E extends Enum<E>> List<E> known(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> !isUnknown(e)).toList();
    }

    static boolean isUnknown(Enum<?> value) {
        return value != null && value.name().equals(UNKNOWN);
    }

    static <E extends Enum<E>> E requireKnown(E value, String what) {
        if (isUnknown(value)) {
            throw new IllegalArgumentException(what + " must not be UNKNOWN");
        }
        return value;
    }

    static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> !isUnknown(e))
                .map(Enum::name).collect(Collectors.joining(", "));
    }

    /** "TicketClass" -> "ticket class". */
    static String label(Class<?> type) {
        return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private Enums() {
    }
}
