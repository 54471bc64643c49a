package io.switchboard.intake.domain;

import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Severity;
import io.switchboard.contracts.common.Urgency;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** What a monitoring severity means for impact and urgency when the source does not say. Every severity must be mapped. */
public record SeverityMapping(Map<Severity, SeverityMapping.Assessment> assessments) {

    public record Assessment(Impact impact, Urgency urgency) {
        public Assessment {
            if (impact == null || urgency == null) {
                throw new IllegalArgumentException("an assessment needs both impact and urgency");
            }
            Enums.requireKnown(impact, "impact");
            Enums.requireKnown(urgency, "urgency");
        }
    }

    public SeverityMapping {
        Map<Severity, Assessment> copy = new EnumMap<>(Severity.class);
        assessments.forEach((severity, assessment) -> copy.put(Enums.requireKnown(severity, "severity"), assessment));
        for (Severity severity : Enums.known(Severity.class)) {
            if (copy.get(severity) == null) {
                throw new IllegalArgumentException("severity mapping has no impact and urgency for severity " + severity);
            }
        }
        assessments = Collections.unmodifiableMap(copy);
    }

    /** The mapping of domain.md ({@code default-policies.properties}). */
    public static SeverityMapping defaults() {
        return parse(DefaultPolicies.section("severity"));
    }

    /** Reads entries {@code severity -> impact/urgency}, e.g. {@code "critical" -> "extensive/critical"}, case-insensitive. */
    public static SeverityMapping parse(Map<String, String> entries) {
        Map<Severity, Assessment> assessments = new EnumMap<>(Severity.class);
        entries.forEach((key, value) -> {
            String context = "severity mapping entry '" + key + "'";
            Severity severity = Enums.parse(Severity.class, key, context);
            String[] parts = value == null ? new String[0] : value.split("/", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException(context + ": expected impact/urgency, e.g. extensive/critical, got '" + value + "'");
            }
            Assessment assessment = new Assessment(
                    Enums.parse(Impact.class, parts[0], context), Enums.parse(Urgency.class, parts[1], context));
            if (assessments.put(severity, assessment) != null) {
                throw new IllegalArgumentException(context + ": severity " + severity + " is given twice");
            }
        });
        return new SeverityMapping(assessments);
    }

    public Assessment of(Severity severity) {
        return assessments.get(Enums.requireKnown(severity, "severity"));
    }
}
