package io.switchboard.intake.domain;

import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.SupportLevel;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The support level a new classification implies (domain.md: L1 standard problems, L3 major system
 * failures); escalation owns the level after that.
 *
 * @param standard             level of a ticket that is not an emergency
 * @param byEmergencyLevel     level by emergency class
 * @param unclassifiedEmergency level of an emergency no rule could class yet (e.g. the IVR emergency key)
 */
public record SupportLevels(SupportLevel standard, Map<EmergencyLevel, SupportLevel> byEmergencyLevel,
                            SupportLevel unclassifiedEmergency) {

    private static final String STANDARD = "standard";
    private static final String UNCLASSIFIED = "unclassified-emergency";

    public SupportLevels {
        Enums.requireKnown(Objects.requireNonNull(standard, "standard"), "support level");
        Enums.requireKnown(Objects.requireNonNull(unclassifiedEmergency, "unclassifiedEmergency"), "support level");
        Map<EmergencyLevel, SupportLevel> copy = new EnumMap<>(EmergencyLevel.class);
        byEmergencyLevel.forEach((emergency, level) -> copy.put(Enums.requireKnown(emergency, "emergency class"),
                Enums.requireKnown(Objects.requireNonNull(level, "level"), "support level")));
        byEmergencyLevel = Collections.unmodifiableMap(copy);
    }

    /** The levels of domain.md ({@code default-policies.properties}). */
    public static SupportLevels defaults() {
        return read(null, DefaultPolicies.section("support-levels"));
    }

    /**
     * Reads {@code standard -> L1}, {@code unclassified-emergency -> L3} and one entry per emergency class,
     * e.g. {@code LEVEL_2 -> L3}; an entry left out keeps its default.
     */
    public static SupportLevels parse(Map<String, String> entries) {
        return read(defaults(), entries);
    }

    private static SupportLevels read(SupportLevels base, Map<String, String> entries) {
        SupportLevel standard = base == null ? null : base.standard();
        SupportLevel unclassified = base == null ? null : base.unclassifiedEmergency();
        Map<EmergencyLevel, SupportLevel> byLevel = new EnumMap<>(EmergencyLevel.class);
        if (base != null) {
            byLevel.putAll(base.byEmergencyLevel());
        }
        for (var entry : entries.entrySet()) {
            String context = "support level '" + entry.getKey() + "'";
            SupportLevel level = Enums.parse(SupportLevel.class, entry.getValue(), context);
            switch (entry.getKey()) {
                case STANDARD -> standard = level;
                case UNCLASSIFIED -> unclassified = level;
                default -> {
                    try {
                        byLevel.put(Enums.parse(EmergencyLevel.class, entry.getKey(), context), level);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(context + ": unknown; expected " + String.join(", ",
                                List.of(STANDARD, UNCLASSIFIED, "LEVEL_1", "LEVEL_2", "LEVEL_3")), e);
                    }
                }
            }
        }
        if (standard == null || unclassified == null) {
            throw new IllegalArgumentException("support levels need '" + STANDARD + "' and '" + UNCLASSIFIED + "'");
        }
        return new SupportLevels(standard, byLevel, unclassified);
    }

    /** The initial level of a ticket classified as {@code emergency} with class {@code level} (null: none). */
    public SupportLevel initial(boolean emergency, EmergencyLevel level) {
        if (!emergency) {
            return standard;
        }
        return level == null ? unclassifiedEmergency : byEmergencyLevel.getOrDefault(level, unclassifiedEmergency);
    }
}
