package io.switchboard.escalation.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A policy as text: one {@code name=value} a line, {@code #} comments; the format of the defaults file and of configuration. */
public final class PolicyText {

    public static Map<String, String> read(String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            int equals = stripped.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("line " + number + ": expected <name>=<value>");
            }
            String name = stripped.substring(0, equals).strip();
            if (entries.put(name, stripped.substring(equals + 1).strip()) != null) {
                throw new IllegalArgumentException("line " + number + ": " + name + " is given twice");
            }
        }
        return Collections.unmodifiableMap(entries);
    }

    private PolicyText() {
    }
}
