package io.switchboard.escalation.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reading enums from policy text; the contracts' UNKNOWN is a reader-side fallback, never a value we accept. */
final class Enums {

    static <E extends Enum<E>> E parse(Class<E> type, String value, String context) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (!constant.name().equals("UNKNOWN") && constant.name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(String.format("%s: unknown %s '%s'; expected one of %s", context,
                type.getSimpleName(), value, Arrays.stream(type.getEnumConstants()).map(Enum::name)
                        .filter(n -> !n.equals("UNKNOWN")).collect(Collectors.joining(", "))));
    }

    private Enums() {
    }
}
