package io.switchboard.escalation.domain;

/**
 * What an SLA clock of a ticket measures. The customer-facing targets are published on
 * {@code support.sla.v1} with their clocks; the level-1 budget is the desk's own and only escalates.
 */
public enum Metric {
    /** Problem received until a person first answers (a monitoring system's acknowledge does not count). */
    FIRST_RESPONSE("first-response", true),
    /** One update interval: from the last answer or progress update until the next progress update. */
    NEXT_UPDATE("next-update", true),
    /** Problem received until resolution, waiting-on-customer time excluded. */
    RESOLUTION("resolution", true),
    /** Level 1 closes a standard problem within its budget, or the ticket goes to level 2. */
    L1_BUDGET("l1-budget", false),
    /** Once at level 2, an expert joins within this time. */
    EXPERT_JOIN("expert-join", true);

    private final String policyName;
    private final boolean published;

    Metric(String policyName, boolean published) {
        this.policyName = policyName;
        this.published = published;
    }

    /** The attribute name of the target in a policy rule, e.g. {@code first-response}. */
    public String policyName() {
        return policyName;
    }

    /** Whether the clock's start, warnings, breach and outcome are published as SLA events. */
    public boolean published() {
        return published;
    }

    public static Metric fromPolicyName(String name, String context) {
        for (Metric metric : values()) {
            if (metric.policyName.equals(name) || metric.name().equalsIgnoreCase(name.replace('-', '_'))) {
                return metric;
            }
        }
        throw new IllegalArgumentException(context + ": unknown metric '" + name + "'");
    }
}
