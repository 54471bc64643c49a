package io.switchboard.eventing.mongo;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.eventing.EventConsumers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.feedback.FeedbackReceived;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.RejectedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;

/**
 * The test service's first handler: a survey answer is one document change of its survey document
 * (guarded by the inbox), which flags low satisfaction (csat 1 or 2) in the same update. A csat
 * outside 1..5 is rejected before anything is written.
 */
@ApplicationScoped
public class SurveyResponses implements EventHandler {

    static final String COLLECTION = "survey_responses";

    private final MongoOutbox outbox;
    private final EventConsumers consumers;
    private final MongoCollection<Document> responses;
    private final Clock clock;

    SurveyResponses(MongoOutbox outbox, EventConsumers consumers, MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                    Clock clock) {
        this.outbox = outbox;
        this.consumers = consumers;
        this.responses = client.getDatabase(database).getCollection(COLLECTION);
        this.clock = clock;
    }

    /** The connector's channel of this handler, named after it; the kit does the rest. */
    @Incoming("survey-responses")
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
        return "survey-responses";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.FEEDBACK).on(FeedbackReceived.class, this::take);
    }

    private void take(FeedbackReceived received, EventMetadata metadata) {
        Integer csat = received.getCsat();
        if (csat == null || csat < 1 || csat > 5) {
            throw new RejectedEventException("csat must be 1..5, was " + csat);
        }
        DocumentChange change = DocumentChange.of(received.getSurveyId()).upsert()
                .update(Updates.set("ticketId", received.getTicketId()))
                .update(Updates.set("csat", csat))
                .update(Updates.inc("responses", 1));
        if (csat <= 2) {
            change.publish(Topic.FEEDBACK, TestEvents.lowSatisfactionFlagged(received.getTicketId(),
                    received.getSurveyId(), csat, clock.instant()));
        }
        outbox.apply(responses, change); // no consuming(...): the inbox guards it
    }
}
