package io.switchboard.eventing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.tickets.TicketEvent;
import io.switchboard.testkit.LocalStackResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The consuming side: a redelivered event changes nothing. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class IdempotentConsumerTest {

    @Inject
    EventSerde serde;
    @Inject
    Ledger ledger;

    @Test
    void theSameEventDeliveredTwiceTakesEffectOnce() throws Exception {
        String ticket = TestEvents.uniqueTicket("redelivered-");
        String marker = TestEvents.uniqueTicket("marker-");
        TicketEvent event = TestEvents.envelope(ticket);
        byte[] bytes = serde.serialize(Topic.TICKETS, event);
        try (RawProducer producer = new RawProducer()) {
            // Same key, so one partition: the marker is consumed after both copies.
            producer.send(Topic.TICKETS.topicName(), ticket, bytes);
            producer.send(Topic.TICKETS.topicName(), ticket, bytes);
            TicketEvent markerEvent = TestEvents.envelope(marker);
            producer.send(Topic.TICKETS.topicName(), ticket, serde.serialize(Topic.TICKETS, markerEvent));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count(marker) == 1);
        assertEquals(1, count(ticket), "the effect of a redelivered event happened once");
    }

    @Test
    void aHandlerThatRejectsAnEventLeavesNoEffect() throws Exception {
        String ticket = TestEvents.uniqueTicket("reject-");
        String marker = TestEvents.uniqueTicket("marker-");
        try (RawProducer producer = new RawProducer()) {
            producer.send(Topic.TICKETS.topicName(), ticket, serde.serialize(Topic.TICKETS, TestEvents.envelope(ticket)));
            producer.send(Topic.TICKETS.topicName(), ticket, serde.serialize(Topic.TICKETS, TestEvents.envelope(marker)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count(marker) == 1);
        assertEquals(0, count(ticket), "the rejected event's transaction was rolled back");
    }

    private long count(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> ledger.entries(subject));
    }
}
