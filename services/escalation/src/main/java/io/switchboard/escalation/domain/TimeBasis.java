package io.switchboard.escalation.domain;

import java.util.Locale;

/** How a clock counts time: every minute, the business calendar, or the 12 daily hours of the VIP service window. */
public enum TimeBasis {
    TWENTY_FOUR_SEVEN("24x7"),
    BUSINESS_HOURS("business"),
    EXTENDED_7X12("7x12");

    private final String policyName;

    TimeBasis(String policyName) {
        this.policyName = policyName;
    }

    public String policyName() {
        return policyName;
    }

    public static TimeBasis parse(String text, String context) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        for (TimeBasis basis : values()) {
            if (basis.policyName.equals(value) || basis.name().equalsIgnoreCase(value)) {
                return basis;
            }
        }
        throw new IllegalArgumentException(context + ": unknown basis '" + text + "'; expected 24x7, business or 7x12");
    }
}
