package io.switchboard.routing.domain;

/** Whether an agent can take work now. Only {@link #AVAILABLE} agents get new tickets. */
public enum Presence {
    /** At work and taking tickets, up to their capacity. */
    AVAILABLE,
    /** At work, keeps their tickets, takes no new ones (on a call, in a meeting). */
    BUSY,
    /** Away from the desk for a while; keeps their tickets. */
    AWAY,
    /** Not at work. */
    OFFLINE
}
