package io.switchboard.intake.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A table from category patterns to values; the most specific pattern wins: exact, then the longest family, then *. */
final class CategoryPatterns<T> {

    record Match<T>(String pattern, T value) {
    }

    private final Map<String, T> byPattern;

    CategoryPatterns(Map<String, T> rules, String what) {
        Map<String, T> table = new LinkedHashMap<>();
        rules.forEach((pattern, value) -> {
            String context = what + " '" + pattern + "'";
            if (value == null) {
                throw new IllegalArgumentException(context + ": has no value");
            }
            if (table.put(CategoryCodes.pattern(pattern, context), value) != null) {
                throw new IllegalArgumentException(context + ": is given twice");
            }
        });
        this.byPattern = Collections.unmodifiableMap(table);
    }

    Map<String, T> asMap() {
        return byPattern;
    }

    Optional<Match<T>> match(String category) {
        T exact = byPattern.get(category);
        if (exact != null) {
            return Optional.of(new Match<>(category, exact));
        }
        for (String family = category; ; family = family.substring(0, family.lastIndexOf('.'))) {
            T value = byPattern.get(family + ".*");
            if (value != null) {
                return Optional.of(new Match<>(family + ".*", value));
            }
            if (family.indexOf('.') < 0) {
                break;
            }
        }
        return Optional.ofNullable(byPattern.get(CategoryCodes.ANY)).map(value -> new Match<>(CategoryCodes.ANY, value));
    }
}
