package io.switchboard.eventing;

/**
 * The consuming side of "nothing doubled", as a store provides it: applies an event's effect and
 * records the event as processed by the consumer group in one atomic step, so that a redelivered
 * event changes nothing. The PostgreSQL store records the id in the effect's transaction; the
 * MongoDB store lets the handler's single-document update carry the id.
 */
public interface EventInbox {

    /**
     * Applies {@code effect} for {@code eventId} unless the group already has; false when it had.
     * Exceptions of the effect propagate unchanged, with nothing recorded.
     */
    boolean applyOnce(String consumerGroup, String eventId, Runnable effect);
}
