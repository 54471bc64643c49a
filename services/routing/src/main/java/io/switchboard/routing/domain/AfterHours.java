package io.switchboard.routing.domain;

/** What happens to non-emergency work when its group is closed. */
public enum AfterHours {
    /** To an open regional centre that serves the ticket's language, skill and level; waits only when none is open. */
    FOLLOW_THE_SUN,
    /** In the home group's queue until that group's next opening. */
    WAIT
}
