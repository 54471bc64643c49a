package io.switchboard.routing.domain;

/** Why a skill group or an agent was passed over for a ticket; recorded with every decision. */
public enum SkipReason {
    /** The group serves another skill (product area). */
    WRONG_SKILL,
    /** The group lists products and the ticket's is not among them. */
    WRONG_PRODUCT,
    /** The group or agent does not speak the ticket's language. */
    WRONG_LANGUAGE,
    /** The group does not serve the customer's tier. */
    WRONG_TIER,
    /** The group works at another support level than the ticket needs. */
    WRONG_LEVEL,
    /** The group or agent lacks the certification the ticket needs. */
    MISSING_CERTIFICATION,
    /** The group is outside its opening hours and the ticket is no emergency. */
    CLOSED_HOURS,
    /** The agent's level in the group's skill is below what the ticket's support level needs (policy agent-skill-level). */
    SKILL_LEVEL_TOO_LOW,
    /** The agent holds as many tickets as their capacity. */
    AT_CAPACITY,
    /** The agent is busy. */
    BUSY,
    /** The agent is away. */
    AWAY,
    /** The agent is offline. */
    OFFLINE,
    /** The agent declined this ticket before. */
    DECLINED_BEFORE,
    /** The group is the emergency group and the ticket no emergency. */
    EMERGENCY_ONLY,
    /** Follow-the-sun is off and the group is not the ticket's home group. */
    NOT_HOME_CENTRE,
    /** The customer's dedicated manager is not in the agent directory. */
    MANAGER_UNKNOWN;

    /** The agent's presence as a skip reason; null for an available agent. */
    public static SkipReason of(Presence presence) {
        return switch (presence) {
            case AVAILABLE -> null;
            case BUSY -> BUSY;
            case AWAY -> AWAY;
            case OFFLINE -> OFFLINE;
        };
    }
}
