package io.switchboard.intake.config;

import io.smallrye.config.ConfigMapping;

import java.util.Map;

/**
 * The intake's policies, under {@code switchboard.intake.policy}. Each is a map of entries in the
 * format its domain class parses; an absent map means the defaults of domain.md (see
 * docs/services/intake.md for every default and its format).
 */
@ConfigMapping(prefix = "switchboard.intake.policy")
public interface IntakePolicies {

    /** Impact x urgency: {@code "extensive.critical"=P1}. */
    Map<String, String> priorityMatrix();

    /** Monitoring severity to impact and urgency. */
    Map<String, String> severity();

    /** Category code rules (ticket class, scenario by category prefix). */
    Map<String, String> categories();

    /** Category to emergency class. */
    Map<String, String> emergency();

    /** Impact, urgency and category used when the input says nothing. */
    Map<String, String> fallbacks();

    /** The IVR tree: key path to leaf, plus language and emergency keys. */
    Map<String, String> ivr();

    /** Initial support level: {@code standard=L1}, {@code unclassified-emergency=L3}, {@code LEVEL_1=L3}... */
    Map<String, String> supportLevels();
}
