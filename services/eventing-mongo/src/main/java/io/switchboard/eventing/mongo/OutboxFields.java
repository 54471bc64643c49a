package io.switchboard.eventing.mongo;

import org.bson.Document;
import org.bson.types.Binary;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields this module reserves in a business document, and how a pending event is stored. A
 * business update must not touch these fields.
 */
public final class OutboxFields {

    /** Events the change caused, not yet acknowledged by Kafka, in the order they were published. */
    public static final String PENDING_EVENTS = "pendingEvents";
    /**
     * When the oldest pending event of this document was enqueued; absent when the relay has nothing
     * to do for the document. The relay finds work through a sparse index on it.
     */
    public static final String PENDING_SINCE = "pendingSince";
    /** Events Kafka refused for good, each with its error, waiting for an operator. */
    public static final String PARKED_EVENTS = "parkedEvents";
    /** Ids of the consumed events that changed this document, the most recent last. */
    public static final String PROCESSED_EVENT_IDS = "processedEventIds";

    static final String EVENT_ID = "eventId";
    static final String TOPIC = "topic";
    static final String KEY = "key";
    static final String TYPE = "type";
    static final String SUBJECT = "subject";
    static final String TIME = "time";
    static final String PRODUCER = "producer";
    static final String PAYLOAD = "payload";
    static final String HEADERS = "headers";
    static final String ENQUEUED_AT = "enqueuedAt";
    static final String ERROR = "error";
    static final String PARKED_AT = "parkedAt";

    static Document toBson(EncodedEvent event, Instant enqueuedAt) {
        Document headers = new Document();
        event.headers().forEach(headers::append);
        return new Document(EVENT_ID, event.eventId())
                .append(TOPIC, event.topicName())
                .append(KEY, event.key())
                .append(TYPE, event.type())
                .append(SUBJECT, event.subject())
                .append(TIME, event.time() == null ? null : Date.from(event.time()))
                .append(PRODUCER, event.producer())
                .append(PAYLOAD, new Binary(event.payload()))
                .append(HEADERS, headers)
                .append(ENQUEUED_AT, Date.from(enqueuedAt));
    }

    static EncodedEvent fromBson(Document stored) {
        Map<String, String> headers = new LinkedHashMap<>();
        Document storedHeaders = stored.get(HEADERS, Document.class);
        if (storedHeaders != null) {
            storedHeaders.forEach((name, value) -> headers.put(name, String.valueOf(value)));
        }
        Date time = stored.getDate(TIME);
        return new EncodedEvent(stored.getString(TOPIC), stored.getString(KEY), stored.getString(EVENT_ID),
                stored.getString(TYPE), stored.getString(SUBJECT), time == null ? null : time.toInstant(),
                stored.getString(PRODUCER), stored.get(PAYLOAD, Binary.class).getData(), headers);
    }

    private OutboxFields() {
    }
}
