package io.switchboard.feedback.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which survey a resolved ticket gets: the method by the channel the customer came in on, how long answers are
 * accepted and when a reminder goes out. Read from a spec such as
 * {@code PHONE=IVR;WEB_CONSOLE=WEB;API=EMAIL;PARTNER=EMAIL;MONITORING=NONE;expiry=P7D;reminder=P3D}; a channel
 * the spec does not name is not surveyed.
 */
public record SurveyPolicy(Map<String, SurveyMethod> methodByChannel, Duration expiry, Duration reminder) {

    private static final Set<String> SETTINGS = Set.of("expiry", "reminder");

    public SurveyPolicy {
        methodByChannel = Map.copyOf(methodByChannel);
        if (!reminder.minus(expiry).isNegative()) {
            throw new InvalidPolicyException("survey policy: the reminder (" + reminder + ") must come before the expiry (" + expiry + ")");
        }
    }

    public static SurveyPolicy parse(String spec) {
        String context = "survey policy";
        if (spec == null || spec.isBlank()) {
            throw new InvalidPolicyException(context + ": empty spec");
        }
        Map<String, SurveyMethod> methods = new java.util.HashMap<>();
        Duration expiry = null;
        Duration reminder = null;
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new InvalidPolicyException(context + ": '" + part.strip() + "' is not key=value");
            }
            String key = kv[0].strip();
            String value = kv[1].strip();
            switch (key) {
                case "expiry" -> expiry = Specs.duration(value, key, context);
                case "reminder" -> reminder = Specs.duration(value, key, context);
                default -> {
                    if (!key.matches("[A-Z_]+")) {
                        throw new InvalidPolicyException(context + ": '" + key + "' is neither a channel nor one of " + SETTINGS);
                    }
                    try {
                        methods.put(key, SurveyMethod.valueOf(value.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new InvalidPolicyException(context + ": channel " + key + " has unknown method '" + value
                                + "', expected one of " + java.util.Arrays.toString(SurveyMethod.values()));
                    }
                }
            }
        }
        if (expiry == null || reminder == null) {
            throw new InvalidPolicyException(context + ": 'expiry' and 'reminder' are required");
        }
        return new SurveyPolicy(methods, expiry, reminder);
    }

    /** The survey for a ticket resolved at {@code resolvedAt} that came in on {@code channel}. */
    public SurveyPlan plan(String channel, Instant resolvedAt) {
        SurveyMethod method = channel == null ? SurveyMethod.NONE : methodByChannel.getOrDefault(channel, SurveyMethod.NONE);
        if (method == SurveyMethod.NONE) {
            return new SurveyPlan(method, null, null);
        }
        return new SurveyPlan(method, resolvedAt.plus(expiry), resolvedAt.plus(reminder));
    }

    /** What to send: null times when the contact is not surveyed. */
    public record SurveyPlan(SurveyMethod method, Instant expiresAt, Instant remindAt) {
        public boolean surveyed() {
            return method != SurveyMethod.NONE;
        }
    }

    /** For a report: method per channel in a stable order. */
    public Map<String, SurveyMethod> sortedMethods() {
        return new java.util.TreeMap<>(methodByChannel);
    }
}
