package io.switchboard.eventing.mongo;

import io.switchboard.eventing.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The consuming side of "nothing doubled" on MongoDB. There is no transaction to put a
 * processed-event row in, so the handler's own document change carries the mark: while the
 * callback runs, the event is open as the thread's {@link ConsumedEvent}, and the one
 * {@link MongoOutbox#apply} it makes is filtered by {@code processedEventIds: {$ne: <group>/<id>}}
 * and records that id in the same single-document update.
 *
 * <p>Rules for a handler (enforced where they can be):
 * <ul>
 *   <li>Its effect is exactly one {@code MongoOutbox.apply} on this thread; a second one is refused
 *       before it writes.</li>
 *   <li>An effect that wrote nothing through the outbox fails ({@link IllegalStateException}): a
 *       write around the outbox would be unguarded. A callback that decides the event needs no
 *       change says so with {@link ConsumedEvent#nothingToChange}.</li>
 *   <li>The change is the callback's last step: a rejection ({@code RejectedEventException}) or
 *       any failure must come before it, since nothing rolls the document back afterwards.</li>
 * </ul>
 * A change the outbox finds already recorded (DUPLICATE) makes {@link #applyOnce} return false, so
 * the consumer loop counts a duplicate; APPLIED and NOT_MATCHED (the handler saw the result and
 * accepted it) count as processed.
 */
@ApplicationScoped
public class MongoEventInbox implements EventInbox {

    @Override
    public boolean applyOnce(String consumerGroup, String eventId, Runnable effect) {
        ConsumedEvent event = ConsumedEvent.open(consumerGroup, eventId);
        try {
            effect.run();
        } finally {
            event.close();
        }
        return event.applied();
    }
}
