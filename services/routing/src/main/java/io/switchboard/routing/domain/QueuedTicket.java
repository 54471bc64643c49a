package io.switchboard.routing.domain;

import io.switchboard.contracts.common.Priority;

import java.time.Instant;
import java.util.Comparator;

/** A ticket waiting in a group's queue, in the queue's order: emergencies first, then priority, then age. */
public record QueuedTicket(String ticketId, boolean emergency, Priority priority, Instant queuedAt) {

    /** Emergencies ahead of everything (at night they are the only work served), then P1..P4, then oldest first. */
    public static final Comparator<QueuedTicket> ORDER = Comparator
            .comparing((QueuedTicket q) -> !q.emergency())
            .thenComparing(QueuedTicket::priority)
            .thenComparing(QueuedTicket::queuedAt)
            .thenComparing(QueuedTicket::ticketId);
}
