package io.switchboard.eventing.mongo;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.eventing.EventConsumers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.feedback.LowSatisfactionFlagged;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The downstream idempotent consumer: counts the low-satisfaction flags of a ticket, each event once. */
@ApplicationScoped
public class LowSatisfactionTally implements EventHandler {

    static final String COLLECTION = "flag_tallies";

    private final MongoOutbox outbox;
    private final EventConsumers consumers;
    private final MongoCollection<Document> tallies;

    LowSatisfactionTally(MongoOutbox outbox, EventConsumers consumers, MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.outbox = outbox;
        this.consumers = consumers;
        this.tallies = client.getDatabase(database).getCollection(COLLECTION);
    }

    /** The connector's channel of this handler, named after it; the kit does the rest. */
    @Incoming("low-satisfaction-tally")
    @Blocking
    void consume(ConsumerRecord<byte[], byte[]> record) {
        consumers.consume(this, record);
    }

    @Override
    public Topic topic() {
        return Topic.FEEDBACK;
    }

    @Override
    public String name() {
        return "low-satisfaction-tally";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.FEEDBACK).on(LowSatisfactionFlagged.class, this::count);
    }

    private void count(LowSatisfactionFlagged flagged, EventMetadata metadata) {
        outbox.apply(tallies, DocumentChange.of(flagged.getTicketId()).upsert()
                .update(Updates.inc("flags", 1))
                .update(Updates.push("flaggedEvents", metadata.eventId())));
    }
}
