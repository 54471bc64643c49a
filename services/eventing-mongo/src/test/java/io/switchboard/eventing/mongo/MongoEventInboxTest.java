package io.switchboard.eventing.mongo;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.switchboard.eventing.FailureClassifier;
import io.switchboard.eventing.RejectedEventException;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inbox's rules against the stand-in, without the consumer loop: one guarded change per consumed event. */
class MongoEventInboxTest {

    static TestStack stack;
    static MongoCollection<Document> surveys;
    static MongoOutbox outbox;
    final MongoEventInbox inbox = new MongoEventInbox();

    @BeforeAll
    static void openStack() throws Exception {
        stack = new TestStack();
        surveys = stack.database.getCollection("surveys");
        outbox = new MongoOutbox(TestEvents.encoderTo(stack.topic), Clock.systemUTC());
    }

    @AfterAll
    static void closeStack() throws Exception {
        stack.close();
    }

    private Runnable count(String documentId) {
        return () -> outbox.apply(surveys, DocumentChange.of(documentId).upsert().update(Updates.inc("answers", 1)));
    }

    @Test
    void theHandlersChangeIsGuardedSoASecondDeliveryIsADuplicate() {
        String survey = "S-" + UUID.randomUUID();
        String event = UUID.randomUUID().toString();
        assertTrue(inbox.applyOnce("svc.a", event, count(survey)));
        assertFalse(inbox.applyOnce("svc.a", event, count(survey)), "a redelivery is a duplicate");
        Document stored = surveys.find(Filters.eq("_id", survey)).first();
        assertEquals(1, stored.getInteger("answers"));
        assertEquals(List.of("svc.a/" + event), stored.getList(OutboxFields.PROCESSED_EVENT_IDS, String.class));
    }

    @Test
    void processedIdsAreNamespacedByConsumerGroup() {
        String survey = "S-" + UUID.randomUUID();
        String event = UUID.randomUUID().toString();
        assertTrue(inbox.applyOnce("svc.a", event, count(survey)));
        assertTrue(inbox.applyOnce("svc.b", event, count(survey)), "another group applies the same event to the same document");
        assertEquals(2, surveys.find(Filters.eq("_id", survey)).first().getInteger("answers"));
    }

    @Test
    void anEffectThatWritesNothingThroughTheOutboxFailsLoudly() {
        String survey = "S-" + UUID.randomUUID();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> inbox.applyOnce("svc.a",
                UUID.randomUUID().toString(), () -> surveys.insertOne(new Document("_id", survey))));
        assertTrue(failure.getMessage().contains("wrote no document change through MongoOutbox"), failure.getMessage());
        assertEquals(FailureClassifier.Failure.UNKNOWN, FailureClassifier.classify(failure), "retried, then dead-lettered for a replay after the fix");
    }

    @Test
    void anEffectThatDeclaresNothingToChangeIsProcessed() {
        assertTrue(inbox.applyOnce("svc.a", UUID.randomUUID().toString(), () -> ConsumedEvent.nothingToChange("satisfied customer")));
    }

    @Test
    void aSecondDocumentChangeForOneEventIsRefusedBeforeItWrites() {
        String first = "S-" + UUID.randomUUID();
        String second = "S-" + UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> inbox.applyOnce("svc.a", UUID.randomUUID().toString(), () -> {
            count(first).run();
            count(second).run();
        }));
        assertNull(surveys.find(Filters.eq("_id", second)).first());
    }

    @Test
    void aRejectionPropagatesUnchangedAndNothingIsWritten() {
        RejectedEventException rejection = new RejectedEventException("no");
        assertSame(rejection, assertThrows(RejectedEventException.class,
                () -> inbox.applyOnce("svc.a", UUID.randomUUID().toString(), () -> {
                    throw rejection;
                })));
        assertNull(ConsumedEvent.current(), "the delivery is closed");
    }

    @Test
    void outsideAHandlerAChangeIsNotGuarded() {
        String survey = "S-" + UUID.randomUUID();
        count(survey).run();
        count(survey).run();
        assertEquals(2, surveys.find(Filters.eq("_id", survey)).first().getInteger("answers"));
    }

    @Test
    void mongoOutagesAreInfrastructureFailuresNotPoison() {
        assertEquals(FailureClassifier.Failure.INFRASTRUCTURE, FailureClassifier.classify(
                new MongoSocketReadException("connection reset", new ServerAddress("127.0.0.1", 27018))));
        assertEquals(FailureClassifier.Failure.INFRASTRUCTURE, FailureClassifier.classify(
                new IllegalStateException(new MongoTimeoutException("no server selected"))));
    }
}
