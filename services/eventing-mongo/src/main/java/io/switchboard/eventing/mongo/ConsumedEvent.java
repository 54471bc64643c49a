package io.switchboard.eventing.mongo;

import java.util.Objects;

/**
 * The consumed event whose effect the current thread is applying, as {@link MongoEventInbox} opens
 * it around a handler's callback. While it is open, {@link MongoOutbox#apply} guards the handler's
 * {@link DocumentChange} with the event's processed id (the handler does not call
 * {@link DocumentChange#consuming}) and refuses a second change: one consumed event, one document
 * change, because only a single-document update is atomic on MongoDB.
 *
 * <p>Processed ids are namespaced by consumer group ({@link #processedId}): two handlers of one
 * service that consume the same event and change the same document each apply it once.
 *
 * <p>Plain Java (a thread-local), so that the store's rules stay testable without CDI.
 */
public final class ConsumedEvent {

    private static final ThreadLocal<ConsumedEvent> CURRENT = new ThreadLocal<>();

    private final String consumerGroup;
    private final String eventId;
    private boolean changeAttempted;
    private ChangeResult result;
    private String nothingToChange;

    private ConsumedEvent(String consumerGroup, String eventId) {
        this.consumerGroup = Objects.requireNonNull(consumerGroup, "consumerGroup");
        this.eventId = Objects.requireNonNull(eventId, "eventId");
    }

    /** The id a document records for {@code eventId} applied by {@code consumerGroup}: {@code <group>/<eventId>}. */
    public static String processedId(String consumerGroup, String eventId) {
        return consumerGroup + "/" + eventId;
    }

    /**
     * Declares that the current event needs no document change (a decision, e.g. a satisfied
     * customer needs no flag). Without it, an effect that wrote nothing through {@link MongoOutbox}
     * is refused as a programming error, because a write around the outbox would not be guarded.
     * A redelivery runs the callback again and decides the same.
     */
    public static void nothingToChange(String why) {
        ConsumedEvent current = CURRENT.get();
        if (current == null) {
            throw new IllegalStateException("nothingToChange is for an event handler's callback; no event is being consumed");
        }
        if (current.changeAttempted) {
            throw new IllegalStateException("event " + current.eventId + " already changed a document");
        }
        current.nothingToChange = Objects.requireNonNull(why, "why");
    }

    /** The event the current thread applies, or null outside a handler's callback. */
    static ConsumedEvent current() {
        return CURRENT.get();
    }

    static ConsumedEvent open(String consumerGroup, String eventId) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("event " + CURRENT.get().eventId + " is still being applied on this thread");
        }
        ConsumedEvent event = new ConsumedEvent(consumerGroup, eventId);
        CURRENT.set(event);
        return event;
    }

    void close() {
        CURRENT.remove();
    }

    String processedId() {
        return processedId(consumerGroup, eventId);
    }

    /** Called by the outbox before it writes: adds the guard, or refuses a second change. */
    void guard(DocumentChange change) {
        if (changeAttempted) {
            throw new IllegalStateException("event " + eventId + " of " + consumerGroup + " changes a second document ("
                    + change.documentId() + "): one consumed event is one document change, the only atomic write on MongoDB");
        }
        if (nothingToChange != null) {
            throw new IllegalStateException("event " + eventId + " was declared to need no change: " + nothingToChange);
        }
        String guard = processedId();
        if (change.consumedEventId() != null && !change.consumedEventId().equals(guard)) {
            throw new IllegalStateException("inside an event handler the inbox guards the change; do not call consuming("
                    + change.consumedEventId() + ")");
        }
        changeAttempted = true;
        change.consuming(guard);
    }

    void record(ChangeResult result) {
        this.result = result;
    }

    /**
     * What the effect did: true when it applied (or matched nothing, or declared it needed nothing),
     * false when the document already recorded the event.
     */
    boolean applied() {
        if (result == null) {
            if (nothingToChange != null) {
                return true;
            }
            throw new IllegalStateException("the effect of event " + eventId + " for " + consumerGroup
                    + " wrote no document change through MongoOutbox: every consumer effect is one guarded "
                    + "MongoOutbox.apply (or ConsumedEvent.nothingToChange(why) when the event needs none)");
        }
        return result.outcome() != ChangeResult.Outcome.DUPLICATE;
    }
}
