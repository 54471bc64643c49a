package io.switchboard.eventing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.tickets.TicketEvent;
import io.switchboard.testkit.LocalStack;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An operator re-publishes dead letters after a fix: applied once, and a second replay publishes nothing. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class DeadLetterReplayTest {

    private static final String LEDGER_GROUP = "eventing-test.ledger";

    @Inject
    EventSerde serde;
    @Inject
    DeadLetters deadLetters;
    @Inject
    Ledger ledger;

    @Test
    void deadLettersReplayedAfterAFixAreAppliedOnceAndReplayingAgainPublishesNothing() throws Exception {
        // An outage made the ledger give up on two events: dead-lettered, never applied.
        String reason = "handler failed after 3 attempts (replay test " + UUID.randomUUID() + ")";
        List<TicketEvent> events = List.of(TestEvents.envelope(TestEvents.uniqueTicket("replayed-")),
                TestEvents.envelope(TestEvents.uniqueTicket("replayed-")));
        for (int i = 0; i < events.size(); i++) {
            deadLetters.send(asConsumed(events.get(i), 100 + i), LEDGER_GROUP, reason,
                    new IllegalStateException("connection refused: the database is down"));
        }
        List<String> eventIds = events.stream().map(TicketEvent::getEventId).toList();
        Predicate<ConsumerRecord<byte[], byte[]>> ours = r -> eventIds.contains(TopicProbe.header(r, "ce_id"));
        String replayGroup = "eventing-test.dlq-replay." + UUID.randomUUID();

        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            DeadLetterReplay.Result otherGroup = replay(replayGroup, "routing.assigner", reason, true);
            assertEquals(0, otherGroup.replayed(), "the consumer-group filter leaves them out");

            DeadLetterReplay.Result dryRun = replay(replayGroup, LEDGER_GROUP, reason, true);
            assertEquals(2, dryRun.replayed(), "a dry run lists both");
            assertTrue(tickets.collect(ours, Duration.ofSeconds(2)).isEmpty(), "a dry run publishes nothing");

            DeadLetterReplay.Result first = replay(replayGroup, LEDGER_GROUP, reason, false);
            assertEquals(2, first.replayed(), "the dry run committed nothing: both are replayed now");
            List<ConsumerRecord<byte[], byte[]>> replayed = tickets.await(ours, 2, Duration.ofSeconds(30));
            for (ConsumerRecord<byte[], byte[]> record : replayed) {
                assertTrue(TopicProbe.header(record, DeadLetterReplay.REPLAYED_FROM).startsWith(Topic.TICKETS.deadLetterTopicName() + "-"));
                assertEquals(null, TopicProbe.header(record, DeadLetters.REASON), "the dlq.* headers are not carried back");
                assertEquals("1.0", TopicProbe.header(record, "ce_specversion"));
            }
            for (TicketEvent event : events) {
                assertEquals(event.getSubject(), new String(replayed.stream().filter(r -> event.getEventId()
                        .equals(TopicProbe.header(r, "ce_id"))).findFirst().orElseThrow().key(), StandardCharsets.UTF_8));
                await().atMost(Duration.ofSeconds(60)).until(() -> entries(event.getSubject()) == 1);
            }

            DeadLetterReplay.Result second = replay(replayGroup, LEDGER_GROUP, reason, false);
            assertEquals(0, second.replayed(), "the first run committed its progress: nothing is replayed twice");
            assertEquals(2, tickets.collect(ours, Duration.ofSeconds(3)).size(), "nothing new on the topic");

            // Progress lost (another replay group): published again, and still applied once.
            DeadLetterReplay.Result again = replay(replayGroup + ".lost", LEDGER_GROUP, reason, false);
            assertEquals(2, again.replayed());
            tickets.await(ours, 4, Duration.ofSeconds(30));
            try (RawProducer producer = new RawProducer()) {
                for (TicketEvent event : events) { // after the copies, in their partitions
                    producer.send(Topic.TICKETS.topicName(), event.getSubject(),
                            serde.serialize(Topic.TICKETS, TestEvents.envelope("marker-" + event.getSubject())));
                }
            }
            for (TicketEvent event : events) {
                await().atMost(Duration.ofSeconds(60)).until(() -> entries("marker-" + event.getSubject()) == 1);
                assertEquals(1, entries(event.getSubject()), "the consumer dropped the copy by its event id");
            }
        }
    }

    private DeadLetterReplay.Result replay(String replayGroup, String consumerGroup, String reason, boolean dryRun)
            throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        DeadLetterReplay.Result result = new DeadLetterReplay(new DeadLetterReplay.Options(LocalStack.bootstrapServers(),
                Topic.TICKETS.deadLetterTopicName(), replayGroup, consumerGroup, reason, dryRun),
                new PrintStream(output, true, StandardCharsets.UTF_8), Clock.systemUTC()).run();
        System.out.print(output.toString(StandardCharsets.UTF_8));
        return result;
    }

    /** The record as the consumer read it before it gave up: key, value and the relay's headers. */
    private ConsumerRecord<byte[], byte[]> asConsumed(TicketEvent event, long offset) {
        EventMetadata meta = EventMetadata.of(event);
        byte[] key = event.getSubject().getBytes(StandardCharsets.UTF_8);
        byte[] value = serde.serialize(Topic.TICKETS, event);
        return new ConsumerRecord<>(Topic.TICKETS.topicName(), 0, offset, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                key.length, value.length, key, value,
                CloudEventHeaders.of(meta.eventId(), meta.cloudEventType(), meta.producer(), meta.subject(), meta.occurredAt()),
                Optional.empty());
    }

    private long entries(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> ledger.entries(subject));
    }
}
