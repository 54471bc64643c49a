package io.switchboard.eventing;

import io.switchboard.contracts.Topic;

import java.util.List;

/**
 * A service's reaction to the events of one topic. Implementations are CDI beans; the eventing
 * library runs each in its own consumer group and calls the callback {@link #events} declares for
 * the event's type inside a transaction that also records the event id, so an effect happens once
 * however often the event is delivered. Events of types the handler does not declare are skipped.
 *
 * <p>A callback throws {@link RejectedEventException} (or a validation error such as
 * {@link IllegalArgumentException}) for an event that can never be applied: it goes to the
 * dead-letter topic at once. Infrastructure failures (database, pool, lock timeouts) are retried
 * with back-off while the partitions are paused; other exceptions are retried a few times, then
 * dead-lettered. See {@link FailureClassifier}.
 */
public interface EventHandler {

    Topic topic();

    /** Unique within the service; the consumer group is {@code <service>.<name>}. */
    String name();

    /**
     * The event types this handler acts on, each with its callback, e.g.
     * {@code EventDispatch.forTopic(topic()).on(CallReceived.class, this::take)}. Called once, when
     * the handler's consumer starts.
     */
    EventDispatch events();

    /**
     * Runs the callbacks of one or more events, in their order, inside the transaction that records
     * their ids. A handler whose channel receives batches ({@link EventConsumers#consumeAll}) may
     * override it to group its writes (one statement for many rows), as long as everything is written
     * before it returns.
     */
    default void applyAll(List<Runnable> callbacks) {
        callbacks.forEach(Runnable::run);
    }
}
