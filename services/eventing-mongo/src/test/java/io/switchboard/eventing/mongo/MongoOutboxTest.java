package io.switchboard.eventing.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.feedback.FeedbackEvent;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.switchboard.eventing.mongo.ChangeResult.Outcome.APPLIED;
import static io.switchboard.eventing.mongo.ChangeResult.Outcome.DUPLICATE;
import static io.switchboard.eventing.mongo.ChangeResult.Outcome.NOT_MATCHED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The write side against the local MongoDB stand-in: one document, one update, all or nothing. */
class MongoOutboxTest {

    static TestStack stack;
    static MongoCollection<Document> surveys;
    static MongoOutbox outbox;

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

    @Test
    void aChangeAndItsEventsAreWrittenInOneUpdate() {
        String ticket = "T-" + UUID.randomUUID();
        FeedbackEvent first = TestEvents.surveyRequested(ticket, "S-1");
        FeedbackEvent second = TestEvents.surveyRequested(ticket, "S-2");

        ChangeResult result = outbox.apply(surveys, DocumentChange.of(ticket).upsert()
                .update(Updates.set("status", "REQUESTED"))
                .publish(Topic.FEEDBACK, first)
                .publish(Topic.FEEDBACK, second));

        assertEquals(APPLIED, result.outcome());
        assertEquals(List.of(first.getEventId(), second.getEventId()), result.publishedEventIds());
        Document stored = surveys.find(Filters.eq("_id", ticket)).first();
        assertEquals("REQUESTED", stored.getString("status"));
        List<Document> pending = stored.getList(OutboxFields.PENDING_EVENTS, Document.class);
        assertEquals(List.of(first.getEventId(), second.getEventId()), pending.stream().map(e -> e.getString("eventId")).toList());
        assertEquals(ticket, pending.get(0).getString("key"));
        assertEquals(stack.topic, pending.get(0).getString("topic"));
        assertEquals("io.switchboard.contracts.feedback.SurveyRequested", pending.get(0).getString("type"));
        assertEquals(first.getEventId(), pending.get(0).get("headers", Document.class).getString("ce_id"));
        assertNotNull(stored.getDate(OutboxFields.PENDING_SINCE));
    }

    @Test
    void aChangeTheServerRejectsLeavesNoEventsBehind() {
        String ticket = "T-" + UUID.randomUUID();
        surveys.insertOne(new Document("_id", ticket).append("status", "REQUESTED"));

        // $inc on a string fails inside the server: the events of the same update must not remain.
        assertThrows(MongoException.class, () -> outbox.apply(surveys, DocumentChange.of(ticket)
                .update(Updates.inc("status", 1))
                .publish(Topic.FEEDBACK, TestEvents.surveyRequested(ticket, "S-1"))));

        Document stored = surveys.find(Filters.eq("_id", ticket)).first();
        assertEquals("REQUESTED", stored.getString("status"));
        assertNull(stored.get(OutboxFields.PENDING_EVENTS), "no event without its change");
        assertNull(stored.get(OutboxFields.PENDING_SINCE));
    }

    @Test
    void aChangeWhoseConditionFailsWritesNeitherChangeNorEvents() {
        String ticket = "T-" + UUID.randomUUID();
        surveys.insertOne(new Document("_id", ticket).append("version", 1));

        ChangeResult result = outbox.apply(surveys, DocumentChange.of(ticket)
                .where(Filters.eq("version", 0))
                .update(Updates.set("status", "ANSWERED"))
                .publish(Topic.FEEDBACK, TestEvents.surveyRequested(ticket, "S-1")));

        assertEquals(NOT_MATCHED, result.outcome());
        assertTrue(result.publishedEventIds().isEmpty());
        Document stored = surveys.find(Filters.eq("_id", ticket)).first();
        assertNull(stored.get("status"));
        assertNull(stored.get(OutboxFields.PENDING_EVENTS));
    }

    @Test
    void aRedeliveredEventChangesTheDocumentOnce() {
        String ticket = "T-" + UUID.randomUUID();
        surveys.insertOne(new Document("_id", ticket).append("answers", 0));
        String consumed = UUID.randomUUID().toString();

        ChangeResult first = apply(ticket, consumed, false);
        ChangeResult again = apply(ticket, consumed, false);

        assertEquals(APPLIED, first.outcome());
        assertEquals(DUPLICATE, again.outcome());
        assertTrue(again.publishedEventIds().isEmpty());
        Document stored = surveys.find(Filters.eq("_id", ticket)).first();
        assertEquals(1, stored.getInteger("answers"));
        assertEquals(1, stored.getList(OutboxFields.PENDING_EVENTS, Document.class).size());
        assertEquals(List.of(consumed), stored.getList(OutboxFields.PROCESSED_EVENT_IDS, String.class));
    }

    @Test
    void aRedeliveryThatWouldCreateTheDocumentIsADuplicateToo() {
        String ticket = "T-" + UUID.randomUUID();
        String consumed = UUID.randomUUID().toString();

        assertEquals(APPLIED, apply(ticket, consumed, true).outcome());
        // The guard excludes the existing document, so the upsert tries an insert and meets the _id.
        assertEquals(DUPLICATE, apply(ticket, consumed, true).outcome());

        Document stored = surveys.find(Filters.eq("_id", ticket)).first();
        assertEquals(1, stored.getInteger("answers"));
        assertEquals(1, stored.getList(OutboxFields.PENDING_EVENTS, Document.class).size());
    }

    @Test
    void concurrentDeliveriesOfOneEventApplyItOnceEvenWhenTheyRaceToCreateTheDocument() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 10; round++) {
                String ticket = "T-" + UUID.randomUUID();
                String consumed = UUID.randomUUID().toString();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<ChangeResult>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Callable<ChangeResult> delivery = () -> {
                        start.await();
                        return apply(ticket, consumed, true);
                    };
                    results.add(pool.submit(delivery));
                }
                start.countDown();
                int applied = 0;
                for (Future<ChangeResult> result : results) {
                    ChangeResult outcome = result.get(); // a duplicate-key error would surface here
                    applied += outcome.outcome() == APPLIED ? 1 : 0;
                    assertTrue(outcome.outcome() == APPLIED || outcome.outcome() == DUPLICATE, outcome.toString());
                }
                assertEquals(1, applied, "round " + round);
                Document stored = surveys.find(Filters.eq("_id", ticket)).first();
                assertEquals(1, stored.getInteger("answers"));
                assertEquals(1, stored.getList(OutboxFields.PENDING_EVENTS, Document.class).size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDocumentKeepsOnlyTheMostRecentProcessedIds() {
        MongoOutbox bounded = new MongoOutbox(TestEvents.encoderTo(stack.topic), Clock.systemUTC(), 3);
        String ticket = "T-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(UUID.randomUUID().toString());
            bounded.apply(surveys, DocumentChange.of(ticket).upsert().consuming(ids.get(i)).update(Updates.inc("answers", 1)));
        }
        Document stored = surveys.find(Filters.eq("_id", ticket)).first();
        assertEquals(ids.subList(2, 5), stored.getList(OutboxFields.PROCESSED_EVENT_IDS, String.class));
        assertEquals(DUPLICATE, bounded.apply(surveys, DocumentChange.of(ticket).consuming(ids.get(4)).update(Updates.inc("answers", 1))).outcome());
    }

    @Test
    void aBusinessUpdateMayNotTouchTheOutboxFields() {
        String ticket = "T-" + UUID.randomUUID();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> outbox.apply(surveys, DocumentChange.of(ticket).upsert().update(Updates.unset(OutboxFields.PENDING_EVENTS))));
        assertTrue(refused.getMessage().contains(OutboxFields.PENDING_EVENTS));
        assertFalse(surveys.find(Filters.eq("_id", ticket)).iterator().hasNext());
    }

    private static ChangeResult apply(String ticket, String consumedEventId, boolean upsert) {
        DocumentChange change = DocumentChange.of(ticket)
                .consuming(consumedEventId)
                .update(Updates.inc("answers", 1))
                .publish(Topic.FEEDBACK, TestEvents.surveyRequested(ticket, "S-" + consumedEventId));
        return outbox.apply(surveys, upsert ? change.upsert() : change);
    }
}
