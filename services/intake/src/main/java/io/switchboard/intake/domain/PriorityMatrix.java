package io.switchboard.intake.domain;

import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.Urgency;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Priority read from impact (scope) x urgency. Every one of the 16 cells must be given. */
public record PriorityMatrix(Map<Impact, Map<Urgency, Priority>> cells) {

    private static final Urgency[] COLUMNS = {Urgency.CRITICAL, Urgency.HIGH, Urgency.MEDIUM, Urgency.LOW};

    public PriorityMatrix {
        Map<Impact, Map<Urgency, Priority>> copy = new EnumMap<>(Impact.class);
        for (Impact impact : Enums.known(Impact.class)) {
            Map<Urgency, Priority> row = cells.get(impact);
            Map<Urgency, Priority> rowCopy = new EnumMap<>(Urgency.class);
            for (Urgency urgency : Enums.known(Urgency.class)) {
                Priority priority = row == null ? null : row.get(urgency);
                if (priority == null || Enums.isUnknown(priority)) {
                    throw new IllegalArgumentException(String.format(
                            "priority matrix has no priority for impact %s x urgency %s (%s)", impact, urgency, key(impact, urgency)));
                }
                rowCopy.put(urgency, priority);
            }
            copy.put(impact, Collections.unmodifiableMap(rowCopy));
        }
        cells.forEach((impact, row) -> {
            Enums.requireKnown(impact, "priority matrix impact");
            if (row != null) {
                row.keySet().forEach(urgency -> Enums.requireKnown(urgency, "priority matrix urgency"));
            }
        });
        cells = Collections.unmodifiableMap(copy);
    }

    /** The matrix of domain.md ({@code default-policies.properties}). */
    public static PriorityMatrix defaults() {
        return parse(DefaultPolicies.section("priority-matrix"));
    }

    /**
     * Reads entries {@code impact.urgency -> priority}, e.g. {@code "extensive.critical" -> "P1"}, case-insensitive.
     * All 16 cells are required and nothing else is allowed.
     */
    public static PriorityMatrix parse(Map<String, String> entries) {
        Map<Impact, Map<Urgency, Priority>> cells = new EnumMap<>(Impact.class);
        entries.forEach((key, value) -> {
            String context = "priority matrix entry '" + key + "'";
            String[] parts = key.strip().split("\\.", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException(context + ": expected impact.urgency, e.g. extensive.critical");
            }
            Impact impact = Enums.parse(Impact.class, parts[0], context);
            Urgency urgency = Enums.parse(Urgency.class, parts[1], context);
            Priority priority = Enums.parse(Priority.class, value, context);
            if (cells.computeIfAbsent(impact, i -> new EnumMap<>(Urgency.class)).put(urgency, priority) != null) {
                throw new IllegalArgumentException(context + ": cell " + key(impact, urgency) + " is given twice");
            }
        });
        return new PriorityMatrix(cells);
    }

    public Priority priorityOf(Impact impact, Urgency urgency) {
        Enums.requireKnown(impact, "impact");
        Enums.requireKnown(urgency, "urgency");
        return cells.get(impact).get(urgency);
    }

    private static String key(Impact impact, Urgency urgency) {
        return (impact + "." + urgency).toLowerCase(Locale.ROOT);
    }
}
