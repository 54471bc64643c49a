package io.switchboard.eventing.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.feedback.FeedbackEvent;
import io.switchboard.eventing.DeadLetters;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.LocalStack;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MongoDB store under the real consumer loop and relay, through the local stack: the same
 * redelivery, poison and crash guarantees the PostgreSQL store proves, on support.feedback.v1.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class MongoConsumerGuaranteesTest {

    static final String RESPONSES_GROUP = "eventing-mongo-test.survey-responses";
    static final String TALLY_GROUP = "eventing-mongo-test.low-satisfaction-tally";
    static final String TOPIC = Topic.FEEDBACK.topicName();

    private static KafkaProducer<String, byte[]> upstream;

    @Inject
    EventSerde serde;
    @Inject
    MongoOutbox outbox;
    @Inject
    MongoRelay relay;
    @Inject
    MongoOutboxMetrics metrics;
    @Inject
    @Readiness
    MongoOutboxHealth health;
    @Inject
    MeterRegistry meters;
    @Inject
    MongoClient client;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @AfterEach
    void relayAsConfigured() {
        relay.stop();
        relay.start();
    }

    @AfterAll
    static void closeUpstream() {
        if (upstream != null) {
            upstream.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void theSameEventDeliveredTwiceChangesTheDocumentOnceAndCountsOneDuplicate() throws Exception {
        String ticket = "T-" + UUID.randomUUID();
        String survey = "S-" + UUID.randomUUID();
        String marker = "S-marker-" + UUID.randomUUID();
        FeedbackEvent answer = TestEvents.feedbackReceived(ticket, survey, 1);
        byte[] bytes = serde.serialize(Topic.FEEDBACK, answer);
        double duplicatesBefore = consumed(RESPONSES_GROUP, "duplicate");

        // Same key, one partition: the marker is consumed after both copies.
        send(ticket, bytes);
        send(ticket, bytes);
        send(ticket, serde.serialize(Topic.FEEDBACK, TestEvents.feedbackReceived(ticket, marker, 4)));
        await().atMost(Duration.ofSeconds(60)).until(() -> responses().find(Filters.eq("_id", marker)).first() != null);

        Document response = responses().find(Filters.eq("_id", survey)).first();
        assertEquals(1, response.getInteger("responses"), "the redelivered answer changed the document once");
        assertEquals(List.of(ConsumedEvent.processedId(RESPONSES_GROUP, answer.getEventId())),
                response.getList(OutboxFields.PROCESSED_EVENT_IDS, String.class), "the guard, namespaced by group");
        assertEquals(1.0, consumed(RESPONSES_GROUP, "duplicate") - duplicatesBefore, 0.0, "the loop counted one duplicate");
        // The one flag the answer published went through the relay and was counted once downstream.
        await().atMost(Duration.ofSeconds(30)).until(() -> flags(ticket) == 1);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheGoodRecordAfterThemIsApplied() throws Exception {
        String ticket = "T-" + UUID.randomUUID();
        String rejectedSurvey = "S-rejected-" + UUID.randomUUID();
        String goodSurvey = "S-good-" + UUID.randomUUID();
        byte[] undecodable = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        try (TopicProbe deadLetters = TopicProbe.open(Topic.FEEDBACK.deadLetterTopicName())) {
            RecordMetadata garbage = send(ticket, undecodable);
            RecordMetadata rejected = send(ticket, serde.serialize(Topic.FEEDBACK, TestEvents.feedbackReceived(ticket, rejectedSurvey, 9)));
            send(ticket, serde.serialize(Topic.FEEDBACK, TestEvents.feedbackReceived(ticket, goodSurvey, 5)));

            await().atMost(Duration.ofSeconds(60)).until(() -> responses().find(Filters.eq("_id", goodSurvey)).first() != null);
            List<ConsumerRecord<byte[], byte[]>> dead = deadLetters.await(
                    r -> ticket.equals(new String(r.key(), StandardCharsets.UTF_8))
                            && RESPONSES_GROUP.equals(TopicProbe.header(r, DeadLetters.CONSUMER_GROUP)),
                    2, Duration.ofSeconds(30));

            ConsumerRecord<byte[], byte[]> first = dead.get(0);
            assertArrayEquals(undecodable, first.value(), "the original bytes are kept");
            assertTrue(TopicProbe.header(first, DeadLetters.REASON).startsWith("cannot deserialize"), TopicProbe.header(first, DeadLetters.REASON));
            assertOrigin(first, garbage);

            ConsumerRecord<byte[], byte[]> second = dead.get(1);
            assertTrue(TopicProbe.header(second, DeadLetters.REASON).startsWith("rejected by survey-responses: csat must be 1..5"),
                    TopicProbe.header(second, DeadLetters.REASON));
            assertTrue(TopicProbe.header(second, DeadLetters.EXCEPTION).startsWith("io.switchboard.eventing.RejectedEventException"),
                    TopicProbe.header(second, DeadLetters.EXCEPTION));
            assertOrigin(second, rejected);
            assertNull(responses().find(Filters.eq("_id", rejectedSurvey)).first(), "the rejected answer wrote nothing");
            assertEquals(1, responses().find(Filters.eq("_id", goodSurvey)).first().getInteger("responses"));
        }
    }

    @Test
    void aRelayThatDiesAfterSendingResendsOnRestartAndTheDownstreamConsumerAppliesEachEventOnce() throws Exception {
        String ticket = "T-" + UUID.randomUUID();
        String survey = "S-crash-" + UUID.randomUUID();
        AtomicInteger crashes = new AtomicInteger();
        relay.restartWith((collection, documentId, acknowledged) -> {
            if (survey.equals(documentId) && crashes.getAndIncrement() == 0) {
                throw new ProcessDied(); // an Error: the relay's worker ends here, nothing pulled
            }
        });
        double duplicatesBefore = consumed(TALLY_GROUP, "duplicate");
        double consumedBefore = duplicatesBefore + consumed(TALLY_GROUP, "processed");
        try (TopicProbe topic = TopicProbe.open(TOPIC)) {
            // A command (no consumed event on this thread): one document, three events of one key.
            DocumentChange change = DocumentChange.of(survey).upsert().update(Updates.set("ticketId", ticket));
            List<String> published = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                FeedbackEvent flag = TestEvents.lowSatisfactionFlagged(ticket, survey, i, Instant.now());
                change.publish(Topic.FEEDBACK, flag);
                published.add(flag.getEventId());
            }
            assertTrue(outbox.apply(responses(), change).applied());
            relay.wakeUp();

            // The relay's worker dies of an uncaught error, which Awaitility would report as a failure.
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(() -> crashes.get() == 1);
            topic.await(r -> ticket.equals(new String(r.key(), StandardCharsets.UTF_8)), 3, Duration.ofSeconds(30));
            assertEquals(3, pending(survey), "sent, acknowledged, not pulled");
            assertTrue(metrics.backlog() >= 3, "the backlog gauge counts them: " + metrics.backlog());
            assertTrue(Long.parseLong(health.call().getData().orElseThrow().get("backlog").toString()) >= 3);

            relay.stop(); // the dead process's relay; a restarted process runs a new one
            relay.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> pending(survey) == 0);
            List<ConsumerRecord<byte[], byte[]>> onTopic = topic.await(
                    r -> ticket.equals(new String(r.key(), StandardCharsets.UTF_8)), 6, Duration.ofSeconds(30));
            List<String> twice = new ArrayList<>(published);
            twice.addAll(published);
            assertEquals(twice, onTopic.stream().map(r -> TopicProbe.header(r, "ce_id")).toList(), "each event re-sent once, in order");

            await().atMost(Duration.ofSeconds(60)).until(
                    () -> consumed(TALLY_GROUP, "duplicate") + consumed(TALLY_GROUP, "processed") - consumedBefore >= 6);
            Document tally = tallies().find(Filters.eq("_id", ticket)).first();
            assertNotNull(tally);
            assertEquals(3, tally.getInteger("flags"), "each flag counted once");
            assertEquals(published, tally.getList("flaggedEvents", String.class));
            assertEquals(3.0, consumed(TALLY_GROUP, "duplicate") - duplicatesBefore, 0.0);
        }
    }

    @Test
    void anEventKafkaRefusesIsParkedAndCountedUntilAnOperatorDiscardsIt() {
        String ticket = "T-" + UUID.randomUUID();
        String survey = "S-parked-" + UUID.randomUUID();
        double parkedBefore = metrics.parked();
        FeedbackEvent tooLarge = TestEvents.lowSatisfactionFlagged(ticket, survey, 1, Instant.now());
        ((io.switchboard.contracts.feedback.LowSatisfactionFlagged) tooLarge.getPayload()).setReason("x".repeat(1_200_000));
        outbox.apply(responses(), DocumentChange.of(survey).upsert().publish(Topic.FEEDBACK, tooLarge));
        relay.wakeUp();

        await().atMost(Duration.ofSeconds(30)).until(() -> metrics.parked() - parkedBefore == 1);
        assertEquals(0, pending(survey));
        assertTrue(Long.parseLong(health.call().getData().orElseThrow().get("parked").toString()) >= 1);
        assertTrue(outbox.discardParked(responses(), survey, tooLarge.getEventId()));
        assertEquals(parkedBefore, metrics.parked(), 0.0);
    }

    /** What a crash does to the relay's worker thread: it just stops, in the middle of a cycle. */
    static final class ProcessDied extends Error {
        ProcessDied() {
            super("the process dies between the acknowledgement and the pull", null, false, false);
        }
    }

    private static void assertOrigin(ConsumerRecord<byte[], byte[]> dead, RecordMetadata original) {
        assertEquals(TOPIC, TopicProbe.header(dead, DeadLetters.ORIGIN_TOPIC));
        assertEquals(Integer.toString(original.partition()), TopicProbe.header(dead, DeadLetters.ORIGIN_PARTITION));
        assertEquals(Long.toString(original.offset()), TopicProbe.header(dead, DeadLetters.ORIGIN_OFFSET));
        assertNotNull(TopicProbe.header(dead, DeadLetters.EXCEPTION));
        Instant.parse(TopicProbe.header(dead, DeadLetters.FAILED_AT));
    }

    private double consumed(String group, String outcome) {
        Counter counter = meters.find("switchboard.events.consumed")
                .tags("topic", TOPIC, "group", group, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private MongoCollection<Document> responses() {
        return client.getDatabase(database).getCollection(SurveyResponses.COLLECTION);
    }

    private MongoCollection<Document> tallies() {
        return client.getDatabase(database).getCollection(LowSatisfactionTally.COLLECTION);
    }

    private int pending(String survey) {
        Document document = responses().find(Filters.eq("_id", survey)).first();
        return document == null ? 0 : document.getList(OutboxFields.PENDING_EVENTS, Document.class, List.of()).size();
    }

    private int flags(String ticket) {
        Document tally = tallies().find(Filters.eq("_id", ticket)).first();
        return tally == null ? 0 : tally.getInteger("flags", 0);
    }

    private static synchronized RecordMetadata send(String key, byte[] value) throws Exception {
        if (upstream == null) {
            upstream = new KafkaProducer<>(MongoOutboxRelay.producerConfig(LocalStack.bootstrapServers(), "eventing-mongo-test-upstream"),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return upstream.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
    }
}
