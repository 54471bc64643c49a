package io.switchboard.eventing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.outages.InboundOutageEvent;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.contracts.tickets.TicketStatusChanged;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A handler acts on the event types it declares; records of the topic's other types, and of types
 * newer than the consumer, are skipped and counted, never dead-lettered.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TypedDispatchTest {

    @Inject
    EventSerde serde;
    @Inject
    OutageLedger ledger;
    @Inject
    MeterRegistry meters;

    @Test
    void eventTypesTheHandlerDoesNotDeclareAreSkippedAndCountedNotDeadLettered() throws Exception {
        String outage = "typed-" + UUID.randomUUID();
        double skippedBefore = skipped();
        try (TopicProbe deadLetters = TopicProbe.open(Topic.OUTAGES_INBOUND.deadLetterTopicName());
             RawProducer producer = new RawProducer()) {
            String topic = Topic.OUTAGES_INBOUND.topicName();
            // A type of the topic the handler does not declare, with its ce_type header: skipped undecoded.
            InboundOutageEvent ended = TestEvents.outageEnded(outage);
            producer.send(topic, outage, serde.serialize(Topic.OUTAGES_INBOUND, ended), TestEvents.headers(ended));
            // The same without headers: decoded, then skipped by its payload type.
            producer.send(topic, outage, serde.serialize(Topic.OUTAGES_INBOUND, TestEvents.outageEnded(outage)));
            // A type newer than this consumer (a union branch it does not know): bytes it could not
            // even decode, skipped by the header alone.
            Headers newer = TestEvents.headers(TestEvents.outageReported(outage));
            newer.remove(CloudEventHeaders.TYPE);
            newer.add(CloudEventHeaders.TYPE, "io.switchboard.contracts.outages.OutageUpdated".getBytes(StandardCharsets.UTF_8));
            producer.send(topic, outage, new byte[] {0, 0, 0, 0, 42, 1, 2, 3}, newer);
            // Then a record the handler acts on, with its header.
            InboundOutageEvent reported = TestEvents.outageReported(outage);
            producer.send(topic, outage, serde.serialize(Topic.OUTAGES_INBOUND, reported), TestEvents.headers(reported));

            await().atMost(Duration.ofSeconds(60)).until(() -> eventIds(outage).size() == 1);
            assertEquals(reported.getEventId(), eventIds(outage).get(0), "only the declared event was applied");
            assertTrue(skipped() - skippedBefore >= 3, "the three other records were counted as skipped");
            assertEquals(0, deadLetters.collect(r -> r.key() != null
                    && outage.equals(new String(r.key(), StandardCharsets.UTF_8)), Duration.ofSeconds(3)).size(),
                    "nothing was dead-lettered");
        }
    }

    @Test
    void aHandlerCannotDeclareAnEventOfAnotherTopic() {
        assertThrows(IllegalArgumentException.class,
                () -> EventDispatch.forTopic(Topic.OUTAGES_INBOUND).on(TicketOpened.class, (opened, metadata) -> { }));
        assertThrows(IllegalArgumentException.class, () -> EventDispatch.forTopic(Topic.TICKETS)
                .on(TicketStatusChanged.class, (changed, metadata) -> { })
                .on(TicketStatusChanged.class, (changed, metadata) -> { }));
        EventDispatch dispatch = EventDispatch.forTopic(Topic.TICKETS).on(TicketOpened.class, (opened, metadata) -> { });
        assertEquals(java.util.Set.of("io.switchboard.contracts.tickets.TicketOpened"), dispatch.cloudEventTypes());
    }

    private double skipped() {
        Counter counter = meters.find("switchboard.events.consumed")
                .tags("group", "eventing-test.outage-ledger", "outcome", "skipped").counter();
        return counter == null ? 0 : counter.count();
    }

    private java.util.List<String> eventIds(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> ledger.eventIds(subject));
    }

}
