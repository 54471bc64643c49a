package io.switchboard.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.TicketClass;
import io.switchboard.contracts.common.Urgency;
import io.switchboard.contracts.tickets.TicketEvent;
import io.switchboard.contracts.tickets.TicketOpened;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class TopicTest {

    @Test
    void topicNamesAreUniqueAndFollowTheNamingScheme() {
        Set<String> names = new HashSet<>();
        for (Topic topic : Topic.values()) {
            assertTrue(names.add(topic.topicName()), "duplicate topic name " + topic.topicName());
            assertTrue(topic.topicName().matches("support\\.[a-z]+(\\.inbound)?\\.v[0-9]+"), topic.topicName());
        }
    }

    @Test
    void deadLetterTopicAndRegistrySubjectDeriveFromTheTopicName() {
        assertEquals("support.tickets.v1.dlq", Topic.TICKETS.deadLetterTopicName());
        assertEquals("support.tickets.v1-value", Topic.TICKETS.valueSubject());
        for (Topic topic : Topic.values()) {
            assertEquals(topic.topicName() + ".dlq", topic.deadLetterTopicName());
            assertEquals(topic.topicName() + "-value", topic.valueSubject());
        }
    }

    @Test
    void fromTopicNameFindsEveryTopicAndRejectsUnknownNames() {
        for (Topic topic : Topic.values()) {
            assertSame(topic, Topic.fromTopicName(topic.topicName()));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Topic.fromTopicName("support.tickets.v9"));
        assertTrue(e.getMessage().contains("support.tickets.v9"));
    }

    @Test
    void valueSchemaIsTheGeneratedEnvelopeSchema() {
        for (Topic topic : Topic.values()) {
            assertEquals(SpecificData.get().getSchema(topic.valueType()), topic.valueSchema(), topic.name());
        }
    }

    @Test
    void inboundTopicsAreWrittenByExternalSystemsAndTheOthersByOneService() {
        assertEquals("external", Topic.INCIDENTS_INBOUND.producer());
        assertEquals("intake", Topic.TICKETS.producer());
        assertEquals("escalation", Topic.SLA.producer());
        for (Topic topic : Topic.values()) {
            assertEquals(topic.topicName().contains(".inbound."), topic.producer().equals("external"), topic.name());
            assertTrue(topic.partitions() > 0);
        }
    }

    @Test
    void eventTypesAreUniqueAcrossTheCatalog() {
        List<String> all = Arrays.stream(Topic.values()).flatMap(t -> t.eventTypes().stream()).toList();
        assertEquals(all.size(), new HashSet<>(all).size(), "event type names must be unique: " + all);
        assertTrue(Topic.TICKETS.eventTypes().containsAll(List.of("TicketOpened", "TicketResolved", "TicketClosed")));
    }

    @Test
    void eventTypeOfNamesThePayloadRecord() {
        TicketEvent event = TicketEvent.newBuilder()
                .setEventId("9b2f6c1e-0d7a-4c55-9a57-3f1c2d4e5f60")
                .setEventType("TicketOpened")
                .setSubject("T-1")
                .setOccurredAt(Instant.parse("2025-01-01T00:00:00Z"))
                .setProducer("intake")
                .setPayload(TicketOpened.newBuilder()
                        .setTicketId("T-1")
                        .setCustomerId("C-1")
                        .setCustomerTier(CustomerTier.VIP)
                        .setChannel(Channel.PHONE)
                        .setTicketClass(TicketClass.TECHNICAL)
                        .setCategory("technical.ecs")
                        .setLanguage("en")
                        .setImpact(Impact.SIGNIFICANT)
                        .setUrgency(Urgency.HIGH)
                        .setPriority(Priority.P1)
                        .setSummary("Instances unreachable")
                        .setOpenedAt(Instant.parse("2025-01-01T00:00:00Z"))
                        .build())
                .build();

        assertEquals("TicketOpened", Topic.eventTypeOf(event));
        assertEquals("io.switchboard.contracts.tickets.TicketOpened", Topic.cloudEventTypeOf(event));
        assertEquals(null, event.getCorrelationId());
    }
}
