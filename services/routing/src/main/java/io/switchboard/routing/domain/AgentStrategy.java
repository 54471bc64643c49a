package io.switchboard.routing.domain;

/** How a skill group picks one of its agents who can take a ticket. */
public enum AgentStrategy {
    /** The lowest share of capacity in use; ties to the one idle longest. */
    LEAST_LOADED,
    /** The one whose last assignment is oldest (never assigned counts as oldest). */
    LONGEST_IDLE,
    /** The next agent after the group's last pick, in agent id order. */
    ROUND_ROBIN
}
