package io.switchboard.intake.domain;

import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Severity;
import io.switchboard.contracts.common.Urgency;

import java.util.Objects;

/**
 * What a channel knows about new work, as the {@link Classifier} reads it. Start with {@link #of(Channel)} and add
 * what is known; everything but the channel may be missing.
 *
 * @param tier           the customer's tier; null for an unknown customer
 * @param tierReason     why this tier (e.g. "ENTERPRISE from caller number +8610..."), shown as is; null for a generic one
 * @param category       category asked for by the request or the integration; null when none
 * @param categorySource where that category came from (e.g. "integration prom-eu"); null for "the request"
 * @param ivr            what the caller's IVR keys selected; null when the work did not come through the IVR
 * @param severity       severity reported by a monitoring source; fills in impact and urgency when they are missing
 * @param emergency      flagged as an emergency by the channel (e.g. the emergency key reported by the telephony system)
 * @param emergencyLevel the emergency class a person gave (e.g. in a reclassification), which wins over the rules; null when none
 */
public record IntakeFacts(Channel channel, CustomerTier tier, String tierReason, String category, String categorySource,
                          IvrSelection ivr, Impact impact, Urgency urgency, Severity severity, boolean emergency,
                          EmergencyLevel emergencyLevel) {

    public IntakeFacts {
        Objects.requireNonNull(channel, "channel");
        known(channel, "channel");
        known(tier, "tier");
        known(impact, "impact");
        known(urgency, "urgency");
        known(severity, "severity");
        known(emergencyLevel, "emergencyLevel");
        emergency = emergency || emergencyLevel != null;
        category = category == null ? null : CategoryCodes.normalise("category", category);
        tierReason = blankToNull(tierReason);
        categorySource = blankToNull(categorySource);
    }

    public static IntakeFacts of(Channel channel) {
        return new IntakeFacts(channel, null, null, null, null, null, null, null, null, false, null);
    }

    public IntakeFacts withTier(CustomerTier tier, String reason) {
        return new IntakeFacts(channel, tier, reason, category, categorySource, ivr, impact, urgency, severity, emergency, emergencyLevel);
    }

    public IntakeFacts withCategory(String category, String source) {
        return new IntakeFacts(channel, tier, tierReason, category, source, ivr, impact, urgency, severity, emergency, emergencyLevel);
    }

    public IntakeFacts withCategory(String category) {
        return withCategory(category, null);
    }

    public IntakeFacts withIvr(IvrSelection ivr) {
        return new IntakeFacts(channel, tier, tierReason, category, categorySource, ivr, impact, urgency, severity, emergency, emergencyLevel);
    }

    public IntakeFacts withImpact(Impact impact) {
        return new IntakeFacts(channel, tier, tierReason, category, categorySource, ivr, impact, urgency, severity, emergency, emergencyLevel);
    }

    public IntakeFacts withUrgency(Urgency urgency) {
        return new IntakeFacts(channel, tier, tierReason, category, categorySource, ivr, impact, urgency, severity, emergency, emergencyLevel);
    }

    public IntakeFacts withSeverity(Severity severity) {
        return new IntakeFacts(channel, tier, tierReason, category, categorySource, ivr, impact, urgency, severity, emergency, emergencyLevel);
    }

    public IntakeFacts withEmergency(boolean emergency) {
        return new IntakeFacts(channel, tier, tierReason, category, categorySource, ivr, impact, urgency, severity, emergency, emergencyLevel);
    }

    public IntakeFacts withEmergencyLevel(EmergencyLevel emergencyLevel) {
        return new IntakeFacts(channel, tier, tierReason, category, categorySource, ivr, impact, urgency, severity, emergency,
                emergencyLevel);
    }

    private static void known(Enum<?> value, String field) {
        if (Enums.isUnknown(value)) {
            throw new InvalidFieldException(field, "must not be UNKNOWN");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
