package io.switchboard.eventing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A record that cannot be processed goes to the dead-letter topic and the partition keeps moving. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class DeadLetterTest {

    @Inject
    EventSerde serde;
    @Inject
    Ledger ledger;

    @Test
    void aPoisonRecordIsDeadLetteredAndTheNextRecordIsProcessed() throws Exception {
        String key = TestEvents.uniqueTicket("poison-");
        String good = TestEvents.uniqueTicket("after-poison-");
        byte[] poison = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        try (TopicProbe deadLetters = TopicProbe.open(Topic.TICKETS.deadLetterTopicName());
             RawProducer producer = new RawProducer()) {
            RecordMetadata sent = producer.send(Topic.TICKETS.topicName(), key, poison);
            producer.send(Topic.TICKETS.topicName(), key, serde.serialize(Topic.TICKETS, TestEvents.envelope(good)));

            await().atMost(Duration.ofSeconds(60)).until(() -> count(good) == 1);
            ConsumerRecord<byte[], byte[]> dead = deadLetters.awaitOne(
                    r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))
                            && "eventing-test.ledger".equals(TopicProbe.header(r, DeadLetters.CONSUMER_GROUP)),
                    Duration.ofSeconds(30));
            assertArrayEquals(poison, dead.value(), "the original bytes are kept");
            assertTrue(TopicProbe.header(dead, DeadLetters.REASON).startsWith("cannot deserialize"),
                    TopicProbe.header(dead, DeadLetters.REASON));
            assertEquals(Topic.TICKETS.topicName(), TopicProbe.header(dead, DeadLetters.ORIGIN_TOPIC));
            assertEquals(Integer.toString(sent.partition()), TopicProbe.header(dead, DeadLetters.ORIGIN_PARTITION));
            assertEquals(Long.toString(sent.offset()), TopicProbe.header(dead, DeadLetters.ORIGIN_OFFSET));
            assertTrue(TopicProbe.header(dead, DeadLetters.EXCEPTION) != null);
        }
    }

    @Test
    void anEventTheHandlerKeepsFailingOnIsDeadLetteredAfterItsAttempts() throws Exception {
        String failing = TestEvents.uniqueTicket("fail-");
        String next = TestEvents.uniqueTicket("after-failure-");
        try (TopicProbe deadLetters = TopicProbe.open(Topic.TICKETS.deadLetterTopicName());
             RawProducer producer = new RawProducer()) {
            var event = TestEvents.envelope(failing);
            producer.send(Topic.TICKETS.topicName(), failing, serde.serialize(Topic.TICKETS, event));
            producer.send(Topic.TICKETS.topicName(), failing, serde.serialize(Topic.TICKETS, TestEvents.envelope(next)));

            await().atMost(Duration.ofSeconds(60)).until(() -> count(next) == 1);
            ConsumerRecord<byte[], byte[]> dead = deadLetters.awaitOne(
                    r -> event.getEventId().equals(TopicProbe.header(r, "ce_id")) || failing.equals(new String(r.key(), StandardCharsets.UTF_8)),
                    Duration.ofSeconds(30));
            assertEquals("handler failed after 3 attempts", TopicProbe.header(dead, DeadLetters.REASON));
            assertTrue(TopicProbe.header(dead, DeadLetters.EXCEPTION).contains("the ledger cannot take"));
            assertEquals(0, count(failing), "every attempt was rolled back");
        }
    }

    private long count(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> ledger.entries(subject));
    }
}
