package io.switchboard.routing.domain;

/** Which rule chose the group or agent of a decision. */
public enum DecisionRule {
    /** A VIP or enterprise customer's dedicated manager, present and under capacity. */
    DEDICATED_MANAGER,
    /** The best group by skill, product, language, tier, level and certification, open now. */
    SKILL_MATCH,
    /** An open group of another regional centre, the home group being closed. */
    FOLLOW_THE_SUN,
    /** An emergency class or L3 work: the emergency group, at any hour. */
    EMERGENCY,
    /** An escalation to a higher support level. */
    ESCALATION,
    /** A person transferred the ticket. */
    MANUAL,
    /** A queued ticket taken by an agent whose capacity freed. */
    QUEUE
}
