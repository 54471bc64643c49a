package io.switchboard.escalation.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The compact "name=value; name=value" form of a policy rule. */
final class Specs {

    static Map<String, String> attributes(String spec, List<String> allowed, String context) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(context + ": is empty");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException(context + ": '" + part.strip() + "' is not name=value");
            }
            String name = part.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = part.substring(equals + 1).strip();
            if (name.isEmpty() || value.isEmpty()) {
                throw new IllegalArgumentException(context + ": '" + part.strip() + "' needs both a name and a value");
            }
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(context + ": unknown attribute '" + name + "'; expected " + String.join(", ", allowed));
            }
            if (attributes.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException(context + ": attribute '" + name + "' is given twice");
            }
        }
        return attributes;
    }

    private Specs() {
    }
}
