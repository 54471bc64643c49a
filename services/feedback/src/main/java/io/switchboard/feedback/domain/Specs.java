package io.switchboard.feedback.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads the {@code key=value;key=value} specs the policies are written in. */
final class Specs {

    static Map<String, String> attributes(String spec, Set<String> allowed, String context) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidPolicyException(context + ": empty spec");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new InvalidPolicyException(context + ": '" + part.strip() + "' is not key=value");
            }
            String key = part.substring(0, eq).strip();
            if (!allowed.contains(key)) {
                throw new InvalidPolicyException(context + ": unknown key '" + key + "', expected one of " + allowed);
            }
            if (attributes.put(key, part.substring(eq + 1).strip()) != null) {
                throw new InvalidPolicyException(context + ": '" + key + "' given twice");
            }
        }
        return attributes;
    }

    static String required(Map<String, String> attributes, String key, String context) {
        String value = attributes.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidPolicyException(context + ": '" + key + "' is required");
        }
        return value;
    }

    static java.time.Duration duration(String value, String key, String context) {
        try {
            java.time.Duration duration = java.time.Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new InvalidPolicyException(context + ": '" + key + "' must be positive");
            }
            return duration;
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidPolicyException(context + ": '" + key + "' is not an ISO-8601 duration (e.g. P7D, PT12H): " + value);
        }
    }

    static double share(String value, String key, String context) {
        try {
            double share = Double.parseDouble(value);
            if (!(share >= 0.0 && share <= 1.0)) {
                throw new InvalidPolicyException(context + ": '" + key + "' must be between 0 and 1");
            }
            return share;
        } catch (NumberFormatException e) {
            throw new InvalidPolicyException(context + ": '" + key + "' is not a number: " + value);
        }
    }

    static int integer(String value, String key, String context) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidPolicyException(context + ": '" + key + "' is not an integer: " + value);
        }
    }

    private Specs() {
    }
}
