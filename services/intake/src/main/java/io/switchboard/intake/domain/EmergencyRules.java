package io.switchboard.intake.domain;

import io.switchboard.contracts.common.EmergencyLevel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Categories that are emergencies by their nature, with their emergency class, by category pattern
 * (see {@link CategoryCodes}). A ticket in such a category is an emergency even when nobody flagged it;
 * a flagged emergency whose category matches no rule stays an emergency without a level.
 */
public final class EmergencyRules {

    /** The rule that applied, with the pattern that matched. */
    public record Match(String pattern, EmergencyLevel level) {
    }

    private final CategoryPatterns<EmergencyLevel> table;

    public EmergencyRules(Map<String, EmergencyLevel> levels) {
        levels.forEach((pattern, level) -> {
            if (CategoryCodes.ANY.equals(pattern == null ? null : pattern.strip())) {
                throw new IllegalArgumentException("emergency rule '*': would make every ticket an emergency");
            }
            Enums.requireKnown(level, "emergency rule '" + pattern + "' level");
        });
        this.table = new CategoryPatterns<>(levels, "emergency rule");
    }

    /** The emergency classes of domain.md ({@code default-policies.properties}). */
    public static EmergencyRules defaults() {
        return parse(DefaultPolicies.section("emergency"));
    }

    /** Reads entries {@code pattern -> level}, e.g. {@code "security.data-leak" -> "LEVEL_3"}, case-insensitive. */
    public static EmergencyRules parse(Map<String, String> entries) {
        Map<String, EmergencyLevel> levels = new LinkedHashMap<>();
        entries.forEach((pattern, level) ->
                levels.put(pattern, Enums.parse(EmergencyLevel.class, level, "emergency rule '" + pattern + "'")));
        return new EmergencyRules(levels);
    }

    public Map<String, EmergencyLevel> levels() {
        return table.asMap();
    }

    public Optional<Match> match(String category) {
        return table.match(category).map(match -> new Match(match.pattern(), match.value()));
    }
}
