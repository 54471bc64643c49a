package io.switchboard.eventing.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.switchboard.eventing.mongo.OutboxFields.ENQUEUED_AT;
import static io.switchboard.eventing.mongo.OutboxFields.ERROR;
import static io.switchboard.eventing.mongo.OutboxFields.EVENT_ID;
import static io.switchboard.eventing.mongo.OutboxFields.PARKED_AT;
import static io.switchboard.eventing.mongo.OutboxFields.PARKED_EVENTS;
import static io.switchboard.eventing.mongo.OutboxFields.PENDING_EVENTS;
import static io.switchboard.eventing.mongo.OutboxFields.PENDING_SINCE;
import static io.switchboard.eventing.mongo.OutboxFields.PROCESSED_EVENT_IDS;

/**
 * The producing and the consuming side of "nothing lost, nothing doubled" for a MongoDB store,
 * without multi-document transactions: a {@link DocumentChange} is written as ONE {@code updateOne}
 * of ONE document, whose update also appends the events the change causes to the document's
 * {@code pendingEvents} and, for a change caused by a consumed event, whose filter requires that
 * the document does not record that event id yet ({@code processedEventIds: {$ne: id}}) while the
 * update records it. MongoDB applies a single-document update atomically, so the events exist
 * exactly when the change does, and a redelivered event matches nothing.
 */
public final class MongoOutbox {

    /** How many consumed-event ids a document keeps by default; see {@link #MongoOutbox(EventEncoder, Clock, int)}. */
    public static final int DEFAULT_PROCESSED_IDS_KEPT = 1000;

    private static final Set<String> RESERVED = Set.of(PENDING_EVENTS, PENDING_SINCE, PARKED_EVENTS, PROCESSED_EVENT_IDS);

    private final EventEncoder encoder;
    private final Clock clock;
    private final int processedIdsKept;

    public MongoOutbox(EventEncoder encoder, Clock clock) {
        this(encoder, clock, DEFAULT_PROCESSED_IDS_KEPT);
    }

    /**
     * @param processedIdsKept how many of the most recent consumed-event ids each document keeps
     *                         ({@code $push} with {@code $slice}); 0 keeps them all. A redelivery
     *                         is recognised as long as its id is still among them, that is unless
     *                         more than that many other events changed the same document between
     *                         the first delivery and the redelivery.
     */
    public MongoOutbox(EventEncoder encoder, Clock clock, int processedIdsKept) {
        if (processedIdsKept < 0) {
            throw new IllegalArgumentException("processedIdsKept must be 0 (all) or more, was " + processedIdsKept);
        }
        this.encoder = encoder;
        this.clock = clock;
        this.processedIdsKept = processedIdsKept;
    }

    /**
     * Writes {@code change} and its events in one single-document update.
     *
     * <p>An upsert that races another writer of the same new document gets a duplicate-key error on
     * {@code _id}; it is then retried once as a plain update, which either applies or finds the
     * consumed event recorded (DUPLICATE).
     *
     * <p>Inside an event handler's callback ({@link MongoEventInbox}) the change is guarded with the
     * consumed event's processed id, and a second change for the same event is refused.
     */
    public ChangeResult apply(MongoCollection<Document> collection, DocumentChange change) {
        ConsumedEvent consumed = ConsumedEvent.current();
        if (consumed == null) {
            return write(collection, change);
        }
        consumed.guard(change);
        ChangeResult result = write(collection, change);
        consumed.record(result);
        return result;
    }

    private ChangeResult write(MongoCollection<Document> collection, DocumentChange change) {
        Instant now = clock.instant();
        List<Document> pending = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        for (DocumentChange.Publication publication : change.publications()) {
            EncodedEvent event = encoder.encode(publication.topic(), publication.envelope());
            pending.add(OutboxFields.toBson(event, now));
            eventIds.add(event.eventId());
        }
        List<Bson> operations = new ArrayList<>();
        for (Bson update : change.updates()) {
            refuseReservedFields(collection, update);
            operations.add(update);
        }
        if (!pending.isEmpty()) {
            operations.add(Updates.pushEach(PENDING_EVENTS, pending));
            // $min keeps the age of the oldest pending event; the relay finds documents by it.
            operations.add(Updates.min(PENDING_SINCE, Date.from(now)));
        }
        String consumed = change.consumedEventId();
        if (consumed != null) {
            PushOptions keep = processedIdsKept == 0 ? new PushOptions() : new PushOptions().slice(-processedIdsKept);
            operations.add(Updates.pushEach(PROCESSED_EVENT_IDS, List.of(consumed), keep));
        }
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("the change of " + change.documentId() + " changes nothing");
        }
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("_id", change.documentId()));
        filters.addAll(change.conditions());
        if (consumed != null) {
            filters.add(Filters.ne(PROCESSED_EVENT_IDS, consumed));
        }
        Bson filter = Filters.and(filters);
        Bson update = Updates.combine(operations);

        if (matched(updateOnce(collection, filter, update, change.isUpsert()))) {
            return new ChangeResult(ChangeResult.Outcome.APPLIED, eventIds);
        }
        if (consumed != null && records(collection, change.documentId(), consumed)) {
            return new ChangeResult(ChangeResult.Outcome.DUPLICATE, List.of());
        }
        return new ChangeResult(ChangeResult.Outcome.NOT_MATCHED, List.of());
    }

    private static UpdateResult updateOnce(MongoCollection<Document> collection, Bson filter, Bson update, boolean upsert) {
        try {
            return collection.updateOne(filter, update, new UpdateOptions().upsert(upsert));
        } catch (MongoWriteException e) {
            if (!upsert || !isIdConflict(e)) {
                throw e;
            }
            // The document exists: created meanwhile by a concurrent upsert, or excluded by the
            // guard or a condition. As a plain update the filter decides which.
            return collection.updateOne(filter, update);
        }
    }

    private static boolean matched(UpdateResult result) {
        return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
    }

    static boolean isIdConflict(MongoWriteException e) {
        String message = e.getError().getMessage();
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY && message != null && message.contains("_id_");
    }

    private static boolean records(MongoCollection<Document> collection, Object documentId, String eventId) {
        return collection.find(Filters.and(Filters.eq("_id", documentId), Filters.eq(PROCESSED_EVENT_IDS, eventId)))
                .projection(Projections.include("_id")).first() != null;
    }

    private static void refuseReservedFields(MongoCollection<Document> collection, Bson update) {
        BsonDocument rendered = update.toBsonDocument(Document.class, collection.getCodecRegistry());
        for (Map.Entry<String, BsonValue> operator : rendered.entrySet()) {
            if (!operator.getValue().isDocument()) {
                continue;
            }
            for (String field : operator.getValue().asDocument().keySet()) {
                String root = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
                if (RESERVED.contains(root)) {
                    throw new IllegalArgumentException("a business update must not touch " + field + ", the outbox owns it");
                }
            }
        }
    }

    /**
     * Operators: drops a parked event for good, which lets the events that waited behind it (same
     * key, same document) go on. False when the document holds no such parked event.
     */
    public boolean discardParked(MongoCollection<Document> collection, Object documentId, String eventId) {
        UpdateResult result = collection.updateOne(
                Filters.and(Filters.eq("_id", documentId), Filters.eq(PARKED_EVENTS + "." + EVENT_ID, eventId)),
                Updates.combine(Updates.pull(PARKED_EVENTS, new Document(EVENT_ID, eventId)),
                        Updates.min(PENDING_SINCE, Date.from(clock.instant()))));
        return result.getMatchedCount() > 0;
    }

    /**
     * Operators, after the cause is fixed (a topic created, a size limit raised): moves a parked
     * event back to the front of the document's pending events, ahead of those that waited behind
     * it, so that their order holds. False when the document holds no such parked event.
     */
    public boolean retryParked(MongoCollection<Document> collection, Object documentId, String eventId) {
        Document stored = collection.find(Filters.eq("_id", documentId)).projection(Projections.include(PARKED_EVENTS)).first();
        if (stored == null) {
            return false;
        }
        for (Document parked : stored.getList(PARKED_EVENTS, Document.class, List.of())) {
            if (eventId.equals(parked.getString(EVENT_ID))) {
                Document event = new Document(parked);
                event.remove(ERROR);
                event.remove(PARKED_AT);
                event.put(ENQUEUED_AT, Date.from(clock.instant()));
                // Conditional on the entry still being parked: two operators retrying at once move it once.
                UpdateResult result = collection.updateOne(
                        Filters.and(Filters.eq("_id", documentId), Filters.eq(PARKED_EVENTS + "." + EVENT_ID, eventId)),
                        Updates.combine(Updates.pull(PARKED_EVENTS, new Document(EVENT_ID, eventId)),
                                Updates.pushEach(PENDING_EVENTS, List.of(event), new PushOptions().position(0)),
                                Updates.min(PENDING_SINCE, Date.from(clock.instant()))));
                return result.getMatchedCount() > 0;
            }
        }
        return false;
    }
}
