package io.switchboard.routing.domain;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reading the small {@code key=value;key=value} texts the policy entries are written in. */
final class Specs {

    private Specs() {
    }

    static Map<String, String> fields(String value, String where) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (value == null) {
            throw new InvalidPolicyException(where + ": empty");
        }
        for (String part : value.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new InvalidPolicyException(where + ": '" + p + "' is not key=value");
            }
            if (fields.put(p.substring(0, eq).strip().toLowerCase(Locale.ROOT), p.substring(eq + 1).strip()) != null) {
                throw new InvalidPolicyException(where + ": '" + p.substring(0, eq).strip() + "' given twice");
            }
        }
        return fields;
    }

    static String required(Map<String, String> fields, String name, String where) {
        String v = fields.get(name);
        if (v == null || v.isEmpty()) {
            throw new InvalidPolicyException(where + ": '" + name + "' is required");
        }
        return v;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String text, String where) {
        try {
            E value = Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            if (value.name().equals("UNKNOWN")) {
                throw new IllegalArgumentException();
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException(where + ": '" + text + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
