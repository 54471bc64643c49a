package io.switchboard.eventing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The producing side: an event exists on Kafka exactly when its state change was committed. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class OutboxRelayTest {

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    Ledger ledger;

    @AfterEach
    void relayRunsAgain() {
        relay.start();
    }

    @Test
    void anEventCommittedWhileTheRelayIsDownIsPublishedOnceItRunsAgain() {
        String ticket = TestEvents.uniqueTicket("crash-");
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            // The process "crashes" between commit and publish: nothing is sending.
            relay.stop();
            EventMetadata event = QuarkusTransaction.requiringNew().call(() -> {
                ledger.record(ticket, "state-change");
                return outbox.publish(Topic.TICKETS, ticket, TestEvents.statusChanged(ticket));
            });
            assertTrue(tickets.collect(byEventId(event.eventId()), Duration.ofSeconds(1)).isEmpty(), "nothing sent while down");
            assertEquals(1, QuarkusTransaction.requiringNew().call(() -> ledger.outboxRows(event.eventId())), "the event waits in the outbox");

            relay.start();

            ConsumerRecord<byte[], byte[]> record = tickets.awaitOne(byEventId(event.eventId()), Duration.ofSeconds(20));
            assertEquals(ticket, new String(record.key()));
            assertEquals("io.switchboard.contracts.tickets.TicketStatusChanged", TopicProbe.header(record, "ce_type"));
            assertEquals("/switchboard/eventing-test", TopicProbe.header(record, "ce_source"));
            assertEquals(ticket, TopicProbe.header(record, "ce_subject"));
            assertEquals("1.0", TopicProbe.header(record, "ce_specversion"));
            assertEquals(event.occurredAt().toString(), TopicProbe.header(record, "ce_time"));
            List<ConsumerRecord<byte[], byte[]>> again = tickets.collect(byEventId(event.eventId()), Duration.ofSeconds(1));
            assertEquals(1, again.size(), "published once");
            assertEquals(0, QuarkusTransaction.requiringNew().call(() -> ledger.outboxRows(event.eventId())), "the outbox row is gone");
        }
    }

    @Test
    void aRolledBackChangePublishesNothing() {
        String ticket = TestEvents.uniqueTicket("rollback-");
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                ledger.record(ticket, "state-change");
                outbox.publish(Topic.TICKETS, ticket, TestEvents.statusChanged(ticket));
                throw new IllegalStateException("the business rule fails after the event was written");
            }));
            assertTrue(tickets.collect(r -> ticket.equals(TopicProbe.header(r, "ce_subject")), Duration.ofSeconds(2)).isEmpty());
            assertEquals(0, QuarkusTransaction.requiringNew().call(() -> ledger.entries(ticket)));
        }
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        String ticket = TestEvents.uniqueTicket("no-tx-");
        assertThrows(Exception.class, () -> outbox.publish(Topic.TICKETS, ticket, TestEvents.statusChanged(ticket)));
    }

    @Test
    void anEventOfAnotherTopicIsRefused() {
        String ticket = TestEvents.uniqueTicket("wrong-topic-");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew().run(
                () -> outbox.publish(Topic.ROUTING, ticket, TestEvents.statusChanged(ticket))));
        assertTrue(error.getMessage().contains("support.routing.v1"), error.getMessage());
    }

    static java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> byEventId(String eventId) {
        return record -> eventId.equals(TopicProbe.header(record, "ce_id"));
    }
}
