package io.switchboard.eventing;

import java.util.List;
import java.util.function.Consumer;

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

    /**
     * Applies several events, in order: {@code effect} is given the indexes of those the group has not
     * applied yet (the others are duplicates), and returns once they are applied. Where the store
     * allows it, the ids and the effects are one atomic step (one transaction); the default applies
     * them one by one. Returns, by index, whether each was applied (false: already had).
     */
    default boolean[] applyAllOnce(String consumerGroup, List<String> eventIds, Consumer<List<Integer>> effect) {
        boolean[] applied = new boolean[eventIds.size()];
        for (int i = 0; i < eventIds.size(); i++) {
            List<Integer> one = List.of(i);
            applied[i] = applyOnce(consumerGroup, eventIds.get(i), () -> effect.accept(one));
        }
        return applied;
    }
}
