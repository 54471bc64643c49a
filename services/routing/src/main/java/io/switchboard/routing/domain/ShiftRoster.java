package io.switchboard.routing.domain;

import io.switchboard.calendar.BusinessCalendar;

import java.time.Instant;

/**
 * An agent's weekly shift plan, as a business calendar in their centre's zone: on shift the agent
 * comes on (an offline agent becomes available), off shift they go off (offline), whatever they were;
 * within a shift, busy and away are the agent's own choice and are kept.
 */
public final class ShiftRoster {

    private ShiftRoster() {
    }

    /** The presence the roster sets at {@code now}, or null when it leaves the current one alone. */
    public static Presence presenceAt(BusinessCalendar shifts, Instant now, Presence current) {
        boolean onShift = shifts.isOpen(now);
        if (onShift && current == Presence.OFFLINE) {
            return Presence.AVAILABLE;
        }
        if (!onShift && current != Presence.OFFLINE) {
            return Presence.OFFLINE;
        }
        return null;
    }
}
