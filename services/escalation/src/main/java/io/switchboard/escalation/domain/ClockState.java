package io.switchboard.escalation.domain;

/** Where a clock stands at the time it is looked at. */
public enum ClockState {
    RUNNING, PAUSED, WARNING, BREACHED, MET, MISSED, CANCELLED;

    public boolean stopped() {
        return this == MET || this == MISSED || this == CANCELLED;
    }
}
