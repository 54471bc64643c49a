package io.switchboard.eventing.mongo;

import io.switchboard.contracts.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One change of one document, written by {@link MongoOutbox#apply} as one single-document update:
 * the business update, the events it causes, and (for a change caused by a consumed event) the
 * mark that makes a redelivery change nothing.
 *
 * <pre>{@code
 * DocumentChange.of(ticketId)
 *         .upsert()
 *         .consuming(resolved.getEventId())
 *         .update(Updates.set("status", "SURVEY_SENT"))
 *         .publish(Topic.FEEDBACK, surveyRequestedEnvelope);
 * }</pre>
 */
public final class DocumentChange {

    /** An event to enqueue: its topic and envelope. */
    public record Publication(Topic topic, SpecificRecord envelope) {
        public Publication {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(envelope, "envelope");
        }
    }

    private final Object documentId;
    private final List<Bson> conditions = new ArrayList<>();
    private final List<Bson> updates = new ArrayList<>();
    private final List<Publication> publications = new ArrayList<>();
    private boolean upsert;
    private String consumedEventId;

    private DocumentChange(Object documentId) {
        this.documentId = Objects.requireNonNull(documentId, "documentId");
    }

    /** A change of the document whose {@code _id} is {@code documentId}. */
    public static DocumentChange of(Object documentId) {
        return new DocumentChange(documentId);
    }

    /** An extra filter the document must match (a version or a state), ANDed with its id. */
    public DocumentChange where(Bson condition) {
        conditions.add(Objects.requireNonNull(condition, "condition"));
        return this;
    }

    /** Business update operators ({@code Updates.set(...)}); never on the {@link OutboxFields}. */
    public DocumentChange update(Bson update) {
        updates.add(Objects.requireNonNull(update, "update"));
        return this;
    }

    /**
     * Creates the document when none has the id. Equality conditions given to {@link #where} are
     * copied into the new document, as MongoDB does for every upsert.
     */
    public DocumentChange upsert() {
        this.upsert = true;
        return this;
    }

    /**
     * The change is the effect of the consumed event {@code eventId}: it is applied only when the
     * document does not yet record the id, and it records it.
     */
    public DocumentChange consuming(String eventId) {
        this.consumedEventId = Objects.requireNonNull(eventId, "eventId");
        return this;
    }

    /** Enqueues an event, written in the same update; events go to Kafka in the order published. */
    public DocumentChange publish(Topic topic, SpecificRecord envelope) {
        publications.add(new Publication(topic, envelope));
        return this;
    }

    public Object documentId() {
        return documentId;
    }

    public List<Bson> conditions() {
        return List.copyOf(conditions);
    }

    public List<Bson> updates() {
        return List.copyOf(updates);
    }

    public List<Publication> publications() {
        return List.copyOf(publications);
    }

    public boolean isUpsert() {
        return upsert;
    }

    /** The consumed event that causes the change, or null for a change from a command. */
    public String consumedEventId() {
        return consumedEventId;
    }
}
