package io.switchboard.routing.domain;

import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.SupportLevel;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Routing's policies, parsed from entries whose defaults are the facts of domain.md, kept once in
 * {@code default-policies.properties} beside this class. Configuration overrides entry by entry.
 */
public record RoutingPolicy(AfterHours afterHours, Set<CustomerTier> dedicatedManagerTiers, double holidayExtraSeats,
                            Map<String, Integer> answerTargets, int defaultAnswerTarget,
                            RequirementRules requirements, Map<SupportLevel, Certification> levelCertifications,
                            SkillRules skills, Duration handlingTime,
                            double serviceLevel, int historyWeeks, int horizonHours, int maxRecordedSkips,
                            Map<SupportLevel, Integer> agentSkillLevels) {

    public static RoutingPolicy defaults() {
        return parse(Map.of());
    }

    /** The default entries with {@code overrides} put over them, entry by entry. */
    public static RoutingPolicy parse(Map<String, String> overrides) {
        Map<String, String> entries = new TreeMap<>(defaultEntries());
        overrides.forEach((k, v) -> entries.put(k.strip().replace("\"", ""), v));
        Map<String, Integer> targets = new HashMap<>();
        Map<String, String> requirements = new HashMap<>();
        Map<String, String> skills = new HashMap<>();
        Map<SupportLevel, Certification> levelCertifications = new HashMap<>();
        Map<SupportLevel, Integer> agentSkillLevels = new HashMap<>();
        entries.forEach((key, value) -> {
            if (key.startsWith("answer-target.")) {
                targets.put(key.substring("answer-target.".length()).toLowerCase(Locale.ROOT), positiveInt(key, value));
            } else if (key.startsWith("requirement.")) {
                requirements.put(key.substring("requirement.".length()), value);
            } else if (key.startsWith("level-certification.")) {
                levelCertifications.put(Specs.enumValue(SupportLevel.class, key.substring("level-certification.".length()), key),
                        Specs.enumValue(Certification.class, value, key));
            } else if (key.startsWith("agent-skill-level.")) {
                int level = positiveInt(key, value);
                if (level > 5) {
                    throw new InvalidPolicyException(key + ": a skill level from 1 to 5");
                }
                agentSkillLevels.put(Specs.enumValue(SupportLevel.class, key.substring("agent-skill-level.".length()), key), level);
            } else if (key.startsWith("skill.")) {
                skills.put(key.substring("skill.".length()), value);
            }
        });
        Integer defaultTarget = targets.remove("default");
        if (defaultTarget == null) {
            throw new InvalidPolicyException("answer-target.default is required");
        }
        Set<CustomerTier> tiers = EnumSet.noneOf(CustomerTier.class);
        for (String t : entries.getOrDefault("dedicated-manager-tiers", "").split(",")) {
            if (!t.isBlank()) {
                tiers.add(Specs.enumValue(CustomerTier.class, t, "dedicated-manager-tiers"));
            }
        }
        double extra = number("holiday-extra-seats", entries.get("holiday-extra-seats"));
        double serviceLevel = number("forecast.service-level", entries.get("forecast.service-level"));
        if (extra < 0 || extra > 10) {
            throw new InvalidPolicyException("holiday-extra-seats: a share between 0 and 10, e.g. 0.5 for 50%");
        }
        if (serviceLevel <= 0 || serviceLevel >= 1) {
            throw new InvalidPolicyException("forecast.service-level: a share strictly between 0 and 1, e.g. 0.8");
        }
        return new RoutingPolicy(
                Specs.enumValue(AfterHours.class, entries.get("after-hours"), "after-hours"),
                Set.copyOf(tiers), extra, Map.copyOf(targets), defaultTarget,
                RequirementRules.parse(requirements), Map.copyOf(levelCertifications), SkillRules.parse(skills),
                duration("forecast.handling-time", entries.get("forecast.handling-time")), serviceLevel,
                positiveInt("forecast.history-weeks", entries.get("forecast.history-weeks")),
                positiveInt("forecast.horizon-hours", entries.get("forecast.horizon-hours")),
                positiveInt("max-recorded-skips", entries.get("max-recorded-skips")), Map.copyOf(agentSkillLevels));
    }

    /**
     * The least level (1-5) in the group's skill an agent needs to take work at this support level;
     * 0 when the policy sets none.
     */
    public int agentSkillLevel(SupportLevel level) {
        return agentSkillLevels.getOrDefault(level, 0);
    }

    /** Target time to answer a ticket in this language, in seconds. */
    public int answerTargetSeconds(String language) {
        return answerTargets.getOrDefault(language == null ? "" : language.toLowerCase(Locale.ROOT), defaultAnswerTarget);
    }

    public RoutingPolicy withAfterHours(AfterHours policy) {
        return new RoutingPolicy(policy, dedicatedManagerTiers, holidayExtraSeats, answerTargets, defaultAnswerTarget,
                requirements, levelCertifications, skills, handlingTime, serviceLevel, historyWeeks, horizonHours, maxRecordedSkips,
                agentSkillLevels);
    }

    static Map<String, String> defaultEntries() {
        Properties properties = new Properties();
        try (InputStream in = RoutingPolicy.class.getResourceAsStream("default-policies.properties")) {
            if (in == null) {
                throw new IllegalStateException("default-policies.properties is missing beside RoutingPolicy");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read default-policies.properties", e);
        }
        Map<String, String> entries = new HashMap<>();
        properties.forEach((k, v) -> entries.put(k.toString(), v.toString()));
        return entries;
    }

    private static int positiveInt(String key, String value) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.strip());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidPolicyException(key + ": '" + value + "' is not a positive whole number");
        }
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidPolicyException(key + ": '" + value + "' is not a number");
        }
    }

    private static Duration duration(String key, String value) {
        try {
            Duration d = Duration.parse(value == null ? "" : value.strip());
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", value, 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new InvalidPolicyException(key + ": '" + value + "' is not a positive ISO-8601 duration such as PT8M");
        }
    }
}
