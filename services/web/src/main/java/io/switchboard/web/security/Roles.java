package io.switchboard.web.security;

/**
 * The roles a Switchboard bearer token carries in its {@code groups} claim. Every endpoint names the
 * ones it admits ({@code @RolesAllowed}); the few that take no token say why ({@code @PermitAll}).
 */
public final class Roles {

    /** Internal systems and monitoring: telephony, alerting, other services. */
    public static final String SYSTEM = "system";
    /** A support agent working tickets. */
    public static final String AGENT = "agent";
    /** An agent's lead: everything an agent does. */
    public static final String SUPERVISOR = "supervisor";
    /** Configuration: policies, calendars, groups, subscriptions, partners, the customer directory. */
    public static final String OPERATOR = "operator";
    /** An integration partner acting for customers. */
    public static final String PARTNER = "partner";
    /** A customer's user: its own customer's tickets only, never internal notes. Needs the {@code customer_id} claim. */
    public static final String CUSTOMER = "customer";

    /** The claim naming the customer a {@code customer} token acts for. */
    public static final String CUSTOMER_ID_CLAIM = "customer_id";

    private Roles() {
    }
}
