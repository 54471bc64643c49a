package io.switchboard.intake.domain;

import io.switchboard.policy.PolicySpec;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.Urgency;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link Classifier} assumes when the facts do not say.
 *
 * @param category          category when neither the request nor the IVR gives one and the channel has none of its own
 * @param channelCategories category by channel, before {@code category}
 * @param emergencyPriority priority of every emergency, whatever the matrix says
 */
public record ClassifierDefaults(String category, Map<Channel, String> channelCategories, Impact impact, Urgency urgency,
                                 CustomerTier tier, Priority emergencyPriority) {

    private static final List<String> KEYS = List.of("category", "channel-categories", "impact", "urgency", "tier", "emergency-priority");

    public ClassifierDefaults {
        category = configuredCategory(category, "default category");
        Map<Channel, String> copy = new EnumMap<>(Channel.class);
        channelCategories.forEach((channel, code) -> copy.put(
                Enums.requireKnown(Objects.requireNonNull(channel, "channel"), "channel"),
                configuredCategory(code, "default category of channel " + channel)));
        channelCategories = Collections.unmodifiableMap(copy);
        Enums.requireKnown(Objects.requireNonNull(impact, "impact"), "default impact");
        Enums.requireKnown(Objects.requireNonNull(urgency, "urgency"), "default urgency");
        Enums.requireKnown(Objects.requireNonNull(tier, "tier"), "default tier");
        Enums.requireKnown(Objects.requireNonNull(emergencyPriority, "emergencyPriority"), "emergency priority");
    }

    /** The fallbacks of {@code default-policies.properties}. */
    public static ClassifierDefaults defaults() {
        return parse(DefaultPolicies.section("fallbacks"));
    }

    /**
     * Reads {@code category -> general}, {@code channel-categories -> "monitoring=technical.monitoring"} (optional),
     * {@code impact -> MODERATE}, {@code urgency -> MEDIUM}, {@code tier -> STANDARD}, {@code emergency-priority -> P1}.
     */
    public static ClassifierDefaults parse(Map<String, String> entries) {
        entries.keySet().forEach(key -> {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("classifier default '" + key + "': unknown; expected " + String.join(", ", KEYS));
            }
        });
        Map<Channel, String> channelCategories = new EnumMap<>(Channel.class);
        String perChannel = entries.get("channel-categories");
        if (perChannel != null) {
            PolicySpec.attributes(perChannel, null, "classifier default 'channel-categories'").forEach((channel, code) ->
                    channelCategories.put(Enums.parse(Channel.class, channel, "classifier default 'channel-categories'"), code));
        }
        return new ClassifierDefaults(required(entries, "category"), channelCategories,
                Enums.parse(Impact.class, required(entries, "impact"), "classifier default 'impact'"),
                Enums.parse(Urgency.class, required(entries, "urgency"), "classifier default 'urgency'"),
                Enums.parse(CustomerTier.class, required(entries, "tier"), "classifier default 'tier'"),
                Enums.parse(Priority.class, required(entries, "emergency-priority"), "classifier default 'emergency-priority'"));
    }

    public String categoryFor(Channel channel) {
        return channelCategories.getOrDefault(channel, category);
    }

    private static String required(Map<String, String> entries, String key) {
        String value = entries.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("classifier default '" + key + "' is missing");
        }
        return value;
    }

    private static String configuredCategory(String code, String what) {
        try {
            return CategoryCodes.normalise(what, code);
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
