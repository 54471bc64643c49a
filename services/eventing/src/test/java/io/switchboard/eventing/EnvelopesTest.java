package io.switchboard.eventing;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.tickets.TicketEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopesTest {

    @Test
    void wrapsAPayloadWithTheEnvelopeFields() {
        Instant at = Instant.parse("2026-11-22T03:00:00Z");
        TicketEvent event = (TicketEvent) Envelopes.wrap(Topic.TICKETS, "T-1", TestEvents.statusChanged("T-1"), "intake", at, "corr-1");
        EventMetadata metadata = EventMetadata.of(event);
        assertEquals("TicketStatusChanged", metadata.eventType());
        assertEquals("io.switchboard.contracts.tickets.TicketStatusChanged", metadata.cloudEventType());
        assertEquals("T-1", metadata.subject());
        assertEquals(at, metadata.occurredAt());
        assertEquals("intake", metadata.producer());
        assertEquals("corr-1", event.getCorrelationId());
        assertEquals(36, metadata.eventId().length());
    }

    @Test
    void everyEnvelopeHasItsOwnId() {
        Instant at = Instant.now();
        var a = Envelopes.wrap(Topic.TICKETS, "T-1", TestEvents.statusChanged("T-1"), "intake", at, null);
        var b = Envelopes.wrap(Topic.TICKETS, "T-1", TestEvents.statusChanged("T-1"), "intake", at, null);
        assertNotEquals(EventMetadata.of(a).eventId(), EventMetadata.of(b).eventId());
    }

    @Test
    void refusesAPayloadThatIsNotAnEventOfTheTopic() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Envelopes.wrap(Topic.SLA, "T-1", TestEvents.statusChanged("T-1"), "intake", Instant.now(), null));
        assertTrue(error.getMessage().contains("support.sla.v1"));
    }
}
