package io.switchboard.eventing.mongo;

import java.util.List;

/**
 * What {@link MongoOutbox#apply} did.
 *
 * @param outcome           applied, a duplicate of a consumed event already applied, or no match
 * @param publishedEventIds the ids of the events the change enqueued; empty unless applied
 */
public record ChangeResult(Outcome outcome, List<String> publishedEventIds) {

    public enum Outcome {
        /** The update and its pending events were written (the document may have been created). */
        APPLIED,
        /** The document already records the consumed event: nothing was written. */
        DUPLICATE,
        /**
         * No document matched the id and the change's condition, and the change was not an upsert
         * (or its condition excludes the existing document): nothing was written.
         */
        NOT_MATCHED
    }

    public ChangeResult {
        publishedEventIds = List.copyOf(publishedEventIds);
    }

    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }
}
