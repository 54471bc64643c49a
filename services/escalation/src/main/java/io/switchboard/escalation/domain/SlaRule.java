package io.switchboard.escalation.domain;

import io.switchboard.policy.PolicySpec;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Priority;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One rule of a policy: {@code rule.<priority|*>.<tier|*>[.<category pattern>]=<attributes>}. A
 * ticket takes each attribute from the most specific matching rule that sets it (category over
 * priority over tier), so {@code rule.*.*} holds the defaults and narrower rules override a few.
 */
public record SlaRule(String key, Priority priority, CustomerTier tier, String categoryPattern,
                      Map<Metric, Duration> targets, TimeBasis basis, String calendarId, ZoneChoice zone) {

    /** Which zone a business calendar counts in: its own, or the customer's (the time zone on the ticket). */
    public enum ZoneChoice { CALENDAR, CUSTOMER }

    static final List<String> ATTRIBUTES = List.of("first-response", "next-update", "resolution", "l1-budget",
            "expert-join", "basis", "calendar", "zone");

    public SlaRule {
        targets = Collections.unmodifiableMap(new EnumMap<>(targets.isEmpty() ? new EnumMap<>(Metric.class) : targets));
    }

    static SlaRule parse(String key, String spec) {
        String context = "rule." + key;
        String[] parts = key.split("\\.", 3);
        if (parts.length < 2) {
            throw new IllegalArgumentException(context + ": expected rule.<priority|*>.<tier|*>[.<category>]");
        }
        Priority priority = parts[0].equals("*") ? null : Enums.parse(Priority.class, parts[0], context);
        CustomerTier tier = parts[1].equals("*") ? null : Enums.parse(CustomerTier.class, parts[1], context);
        String category = parts.length == 3 ? parts[2].strip().toLowerCase(Locale.ROOT) : null;
        if (category != null && (category.isEmpty() || category.indexOf('*') >= 0 && !category.endsWith("*"))) {
            throw new IllegalArgumentException(context + ": a category pattern is a code, optionally ending in *");
        }
        Map<Metric, Duration> targets = new EnumMap<>(Metric.class);
        TimeBasis basis = null;
        String calendar = null;
        ZoneChoice zone = null;
        for (Map.Entry<String, String> attribute : PolicySpec.attributes(spec, ATTRIBUTES, context).entrySet()) {
            String value = attribute.getValue();
            switch (attribute.getKey()) {
                case "basis" -> basis = TimeBasis.parse(value, context);
                case "calendar" -> calendar = value;
                case "zone" -> zone = Enums.parse(ZoneChoice.class, value, context);
                default -> targets.put(Metric.fromPolicyName(attribute.getKey(), context),
                        Durations.parse(value, context + " " + attribute.getKey()));
            }
        }
        return new SlaRule(key, priority, tier, category, targets, basis, calendar, zone);
    }

    boolean matches(Priority p, CustomerTier t, String category) {
        if (priority != null && priority != p || tier != null && tier != t) {
            return false;
        }
        if (categoryPattern == null) {
            return true;
        }
        String code = category == null ? "" : category.toLowerCase(Locale.ROOT);
        return categoryPattern.endsWith("*")
                ? code.startsWith(categoryPattern.substring(0, categoryPattern.length() - 1))
                : code.equals(categoryPattern);
    }

    /** Category (by its length) over priority over tier. */
    int specificity() {
        int s = 0;
        if (categoryPattern != null) s += 100 + categoryPattern.replace("*", "").length();
        if (priority != null) s += 2;
        if (tier != null) s += 1;
        return s;
    }

    String spec() {
        StringBuilder out = new StringBuilder();
        targets.forEach((metric, d) -> append(out, metric.policyName(), Durations.format(d)));
        if (basis != null) append(out, "basis", basis.policyName());
        if (calendarId != null) append(out, "calendar", calendarId);
        if (zone != null) append(out, "zone", zone.name().toLowerCase(Locale.ROOT));
        return out.toString();
    }

    private static void append(StringBuilder out, String name, String value) {
        if (!out.isEmpty()) out.append("; ");
        out.append(name).append('=').append(value);
    }
}
