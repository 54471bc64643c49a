package io.switchboard.eventing.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.feedback.FeedbackEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static io.switchboard.eventing.mongo.ChangeResult.Outcome.APPLIED;
import static io.switchboard.eventing.mongo.ChangeResult.Outcome.DUPLICATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay against the local MongoDB stand-in and the local Kafka broker. */
class MongoOutboxRelayTest {

    static TestStack stack;
    MongoOutbox outbox;
    MongoCollection<Document> surveys;
    final List<MongoOutboxRelay> relays = new ArrayList<>();
    String leaseName;

    @BeforeAll
    static void openStack() throws Exception {
        stack = new TestStack();
    }

    @AfterAll
    static void closeStack() throws Exception {
        stack.close();
    }

    @BeforeEach
    void freshCollectionAndTopic() throws Exception {
        outbox = new MongoOutbox(TestEvents.encoderTo(stack.newTopic()), Clock.systemUTC());
        String name = "surveys_" + UUID.randomUUID().toString().substring(0, 8);
        surveys = stack.database.getCollection(name);
        leaseName = "relay-" + name;
    }

    @AfterEach
    void closeRelays() {
        relays.forEach(MongoOutboxRelay::close);
    }

    @Test
    void theRelaySendsEachPendingEventOnceInOrderAndEmptiesTheDocument() {
        String a = "T-" + UUID.randomUUID();
        String b = "T-" + UUID.randomUUID();
        List<String> aEvents = new ArrayList<>();
        for (int change = 0; change < 3; change++) {
            FeedbackEvent one = TestEvents.surveyRequested(a, "S-" + change + "a");
            FeedbackEvent two = TestEvents.surveyRequested(a, "S-" + change + "b");
            outbox.apply(surveys, DocumentChange.of(a).upsert().update(Updates.inc("changes", 1))
                    .publish(Topic.FEEDBACK, one).publish(Topic.FEEDBACK, two));
            aEvents.add(one.getEventId());
            aEvents.add(two.getEventId());
        }
        FeedbackEvent bEvent = TestEvents.surveyRequested(b, "S-b");
        outbox.apply(surveys, DocumentChange.of(b).upsert().publish(Topic.FEEDBACK, bEvent));

        MongoOutboxRelay relay = relay("relay-1", Duration.ofSeconds(10));
        assertEquals(7, relayUntilIdle(relay));

        List<ConsumerRecord<String, byte[]>> records = stack.records(r -> r.size() >= 7, Duration.ofSeconds(20));
        assertEquals(aEvents, eventIds(records, a), "each event of a document once, in order");
        assertEquals(List.of(bEvent.getEventId()), eventIds(records, b));
        ConsumerRecord<String, byte[]> first = records.stream().filter(r -> a.equals(r.key())).findFirst().orElseThrow();
        assertEquals("io.switchboard.contracts.feedback.SurveyRequested", TestStack.header(first, "ce_type"));
        assertEquals("/switchboard/feedback", TestStack.header(first, "ce_source"));
        assertEquals(a, TestStack.header(first, "ce_subject"));
        assertEquals("1.0", TestStack.header(first, "ce_specversion"));
        assertTrue(TestStack.header(first, "ce_time").endsWith("Z"));
        for (String id : List.of(a, b)) {
            Document stored = surveys.find(Filters.eq("_id", id)).first();
            assertEquals(List.of(), stored.getList(OutboxFields.PENDING_EVENTS, Document.class));
            assertNull(stored.get(OutboxFields.PENDING_SINCE), "the relay no longer finds the document");
        }
        assertEquals(3, surveys.find(Filters.eq("_id", a)).first().getInteger("changes"));
        assertEquals(0, relay.relayOnce(), "nothing is sent twice");
        assertEquals(7, stack.recordsAfter(Duration.ofSeconds(1)).size());
    }

    @Test
    void anEventAppendedWhileTheRelaySendsStaysPending() {
        String ticket = "T-" + UUID.randomUUID();
        FeedbackEvent sentNow = TestEvents.surveyRequested(ticket, "S-1");
        FeedbackEvent appendedMeanwhile = TestEvents.surveyRequested(ticket, "S-2");
        outbox.apply(surveys, DocumentChange.of(ticket).upsert().publish(Topic.FEEDBACK, sentNow));
        MongoOutboxRelay relay = relay("relay-1", Duration.ofSeconds(10));
        relay.onAfterAcknowledged((collection, id, acknowledged) -> {
            if (acknowledged.contains(sentNow.getEventId())) {
                outbox.apply(surveys, DocumentChange.of(ticket).publish(Topic.FEEDBACK, appendedMeanwhile));
            }
        });

        assertEquals(1, relay.relayOnce());

        Document stored = surveys.find(Filters.eq("_id", ticket)).first();
        assertEquals(List.of(appendedMeanwhile.getEventId()), stored.getList(OutboxFields.PENDING_EVENTS, Document.class)
                .stream().map(e -> e.getString("eventId")).toList(), "only the acknowledged event is pulled");
        assertEquals(1, relay.relayOnce());
        List<ConsumerRecord<String, byte[]>> records = stack.records(r -> eventIds(r, ticket).size() >= 2, Duration.ofSeconds(20));
        assertEquals(List.of(sentNow.getEventId(), appendedMeanwhile.getEventId()), eventIds(records, ticket));
    }

    @Test
    void aRelayThatDiesAfterSendingIsFollowedByOneThatResendsAtMostOnceAndTheConsumerAppliesOnce() throws Exception {
        String ticket = "T-" + UUID.randomUUID();
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FeedbackEvent event = TestEvents.surveyRequested(ticket, "S-" + i);
            outbox.apply(surveys, DocumentChange.of(ticket).upsert().publish(Topic.FEEDBACK, event));
            published.add(event.getEventId());
        }
        MongoOutboxRelay dying = relay("relay-dying", Duration.ofSeconds(2));
        dying.onAfterAcknowledged((collection, id, acknowledged) -> {
            throw new IllegalStateException("the process dies between the acknowledgement and the pull");
        });
        assertThrows(IllegalStateException.class, dying::relayOnce);
        assertEquals(3, surveys.find(Filters.eq("_id", ticket)).first().getList(OutboxFields.PENDING_EVENTS, Document.class).size(),
                "sent but not pulled");
        // The dead relay never releases its lease; the next one takes it when it expires.
        MongoOutboxRelay next = relay("relay-next", Duration.ofSeconds(2));
        assertEquals(0, next.relayOnce(), "the lease of the dead relay still runs");
        Thread.sleep(2_200);
        assertEquals(3, relayUntilIdle(next));
        assertEquals(0, next.relayOnce());

        List<ConsumerRecord<String, byte[]>> records = stack.records(r -> eventIds(r, ticket).size() >= 6, Duration.ofSeconds(20));
        List<String> onTheTopic = eventIds(stack.recordsAfter(Duration.ofSeconds(1)), ticket);
        List<String> twice = new ArrayList<>(published);
        twice.addAll(published);
        assertEquals(twice, onTheTopic, "each event re-sent once, in order");

        // A downstream idempotent consumer: the document guard applies each event once.
        MongoCollection<Document> ledger = stack.database.getCollection("ledger_" + UUID.randomUUID().toString().substring(0, 8));
        int applied = 0;
        int duplicates = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!ticket.equals(record.key())) {
                continue;
            }
            ChangeResult result = outbox.apply(ledger, DocumentChange.of(record.key()).upsert()
                    .consuming(TestStack.header(record, "ce_id")).update(Updates.inc("surveys", 1)));
            applied += result.outcome() == APPLIED ? 1 : 0;
            duplicates += result.outcome() == DUPLICATE ? 1 : 0;
        }
        assertEquals(3, applied);
        assertEquals(3, duplicates);
        assertEquals(3, ledger.find(Filters.eq("_id", ticket)).first().getInteger("surveys"));
    }

    @Test
    void anEventKafkaRefusesIsParkedItsDocumentsLaterEventsWaitAndOtherDocumentsGoOn() {
        String poisoned = "T-" + UUID.randomUUID();
        FeedbackEvent before = TestEvents.surveyRequested(poisoned, "S-before");
        FeedbackEvent tooLarge = TestEvents.surveyRequested(poisoned, "S-large", "x".repeat(2 * 1024 * 1024));
        FeedbackEvent after = TestEvents.surveyRequested(poisoned, "S-after");
        outbox.apply(surveys, DocumentChange.of(poisoned).upsert().publish(Topic.FEEDBACK, before));
        outbox.apply(surveys, DocumentChange.of(poisoned).publish(Topic.FEEDBACK, tooLarge));
        outbox.apply(surveys, DocumentChange.of(poisoned).publish(Topic.FEEDBACK, after));
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String other = "T-" + UUID.randomUUID();
            outbox.apply(surveys, DocumentChange.of(other).upsert().publish(Topic.FEEDBACK, TestEvents.surveyRequested(other, "S")));
            others.add(other);
        }
        MongoOutboxRelay relay = relay("relay-1", Duration.ofSeconds(10));

        assertEquals(21, relayUntilIdle(relay), "the event before and the other documents' events");
        assertEquals(1, relay.parkedCount());

        Document stored = surveys.find(Filters.eq("_id", poisoned)).first();
        List<Document> parked = stored.getList(OutboxFields.PARKED_EVENTS, Document.class);
        assertEquals(List.of(tooLarge.getEventId()), parked.stream().map(e -> e.getString("eventId")).toList());
        assertTrue(parked.get(0).getString("error").contains("RecordTooLargeException"), parked.get(0).getString("error"));
        assertEquals(List.of(after.getEventId()), stored.getList(OutboxFields.PENDING_EVENTS, Document.class)
                .stream().map(e -> e.getString("eventId")).toList(), "the later event of the same key waits");
        assertNull(stored.get(OutboxFields.PENDING_SINCE), "the relay stops finding a document that only waits");
        List<ConsumerRecord<String, byte[]>> records = stack.records(r -> r.size() >= 21, Duration.ofSeconds(20));
        assertEquals(List.of(before.getEventId()), eventIds(records, poisoned));
        for (String other : others) {
            assertEquals(1, eventIds(records, other).size(), other);
        }

        // An operator gives the event up: the one that waited goes on, and nothing is sent twice.
        assertTrue(outbox.discardParked(surveys, poisoned, tooLarge.getEventId()));
        assertEquals(1, relayUntilIdle(relay));
        List<ConsumerRecord<String, byte[]>> finally_ = stack.records(r -> eventIds(r, poisoned).size() >= 2, Duration.ofSeconds(20));
        assertEquals(List.of(before.getEventId(), after.getEventId()), eventIds(finally_, poisoned));
        assertEquals(22, stack.recordsAfter(Duration.ofSeconds(1)).size());
    }

    @Test
    void onlyTheRelayHoldingTheLeaseSends() throws Exception {
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String ticket = "T-" + UUID.randomUUID();
            outbox.apply(surveys, DocumentChange.of(ticket).upsert().publish(Topic.FEEDBACK, TestEvents.surveyRequested(ticket, "S")));
            tickets.add(ticket);
        }
        MongoOutboxRelay first = relay("relay-a", Duration.ofSeconds(10));
        MongoOutboxRelay second = relay("relay-b", Duration.ofSeconds(10));
        int byFirst = first.relayOnce(); // takes the lease and sends a first batch
        assertTrue(first.holdsLease());
        // Both cycle at once, as two instances would; only the holder sends.
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger bySecond = new AtomicInteger();
        Thread competitor = new Thread(() -> {
            try {
                go.await();
                for (int i = 0; i < 5; i++) {
                    bySecond.addAndGet(second.relayOnce());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        competitor.start();
        go.countDown();
        byFirst += relayUntilIdle(first);
        competitor.join();

        assertEquals(30, byFirst);
        assertEquals(0, bySecond.get());
        assertFalse(second.holdsLease());
        List<ConsumerRecord<String, byte[]>> records = stack.records(r -> r.size() >= 30, Duration.ofSeconds(20));
        assertEquals(30, stack.recordsAfter(Duration.ofSeconds(1)).size(), "each event once");
        for (String ticket : tickets) {
            assertEquals(1, eventIds(records, ticket).size());
        }

        // The holder stops and gives the lease up: the other instance takes over at once.
        first.start();
        first.stop();
        String late = "T-" + UUID.randomUUID();
        outbox.apply(surveys, DocumentChange.of(late).upsert().publish(Topic.FEEDBACK, TestEvents.surveyRequested(late, "S")));
        assertEquals(1, second.relayOnce());
        assertTrue(second.holdsLease());
    }

    private MongoOutboxRelay relay(String owner, Duration lease) {
        MongoOutboxRelay.Settings settings = new MongoOutboxRelay.Settings(leaseName, owner + "-" + UUID.randomUUID(),
                lease, 10, Duration.ofMillis(100), Duration.ofMillis(100), lease.minusMillis(500));
        MongoOutboxRelay relay = new MongoOutboxRelay(stack.database, List.of(surveys.getNamespace().getCollectionName()),
                stack.producer(owner), settings, Clock.systemUTC());
        relay.ensureIndexes();
        relays.add(relay);
        return relay;
    }

    private static int relayUntilIdle(MongoOutboxRelay relay) {
        int total = 0;
        for (int i = 0; i < 100; i++) {
            int sent = relay.relayOnce();
            if (sent == 0) {
                return total;
            }
            total += sent;
        }
        return total;
    }

    private static List<String> eventIds(List<ConsumerRecord<String, byte[]>> records, String key) {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (key.equals(record.key())) {
                ids.add(TestStack.header(record, "ce_id"));
            }
        }
        return Collections.unmodifiableList(ids);
    }
}
