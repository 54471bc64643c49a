package io.switchboard.routing.domain;

/** A group or agent passed over for a ticket, and why. */
public record Skip(Kind kind, String candidate, SkipReason reason) {

    public enum Kind { GROUP, AGENT }

    static Skip group(String id, SkipReason reason) {
        return new Skip(Kind.GROUP, id, reason);
    }

    static Skip agent(String id, SkipReason reason) {
        return new Skip(Kind.AGENT, id, reason);
    }
}
