package io.switchboard.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The compact {@code name=value; name=value} form in which a policy rule fits one configuration entry
 * (an IVR option, a category rule, an SLA rule). Names are case-insensitive; every error names the entry.
 */
public final class PolicySpec {

    /**
     * The attributes in the order written, names lower-cased.
     *
     * @param allowed the names accepted, or null to accept any
     * @param context what the entry is, for the error message (e.g. {@code ivr.21})
     * @throws IllegalArgumentException when the text is empty, a part is not {@code name=value}, a name is
     *                                  unknown or given twice
     */
    public static Map<String, String> attributes(String spec, List<String> allowed, String context) {
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
            if (allowed != null && !allowed.contains(name)) {
                throw new IllegalArgumentException(context + ": unknown attribute '" + name + "'; expected " + String.join(", ", allowed));
            }
            if (attributes.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException(context + ": attribute '" + name + "' is given twice");
            }
        }
        return attributes;
    }

    private PolicySpec() {
    }
}
