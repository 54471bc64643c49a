package io.switchboard.eventing;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.contracts.tickets.TicketEvent;
import io.switchboard.contracts.tickets.TicketStatusChanged;

import io.switchboard.contracts.common.Severity;
import io.switchboard.contracts.outages.InboundOutageEvent;
import io.switchboard.contracts.outages.OutageEnded;
import io.switchboard.contracts.outages.OutageReported;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

import java.time.Instant;
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

final class TestEvents {

    static TicketStatusChanged statusChanged(String ticketId) {
        return TicketStatusChanged.newBuilder()
                .setTicketId(ticketId)
                .setFromStatus(TicketStatus.OPEN)
                .setToStatus(TicketStatus.IN_PROGRESS)
                .setChangedBy("agent-7")
                .setReason(null)
                .setChangedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    static TicketEvent envelope(String ticketId) {
        return (TicketEvent) Envelopes.wrap(Topic.TICKETS, ticketId, statusChanged(ticketId), "eventing-test",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
    }

    static InboundOutageEvent outageReported(String outageId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OutageReported reported = OutageReported.newBuilder()
                .setOutageId(outageId).setProduct("ecs").setRegion("cn-beijing").setZone(null)
                .setSeverity(Severity.ERROR).setEmergencyLevel(null).setAffectedCustomerIds(List.of())
                .setSummary("test outage").setStartedAt(now).build();
        return (InboundOutageEvent) Envelopes.wrap(Topic.OUTAGES_INBOUND, outageId, reported, "eventing-test", now, null);
    }

    static InboundOutageEvent outageEnded(String outageId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OutageEnded ended = OutageEnded.newBuilder()
                .setOutageId(outageId).setProduct("ecs").setRegion("cn-beijing").setZone(null)
                .setAffectedCustomerIds(List.of()).setStartedAt(now).setEndedAt(now).build();
        return (InboundOutageEvent) Envelopes.wrap(Topic.OUTAGES_INBOUND, outageId, ended, "eventing-test", now, null);
    }

    /** The CloudEvents headers the outbox relay puts on a record of this envelope. */
    static Headers headers(SpecificRecord envelope) {
        EventMetadata metadata = EventMetadata.of(envelope);
        return CloudEventHeaders.of(metadata.eventId(), metadata.cloudEventType(), metadata.producer(),
                metadata.subject(), metadata.occurredAt());
    }

    static String uniqueTicket(String prefix) {
        return prefix + UUID.randomUUID();
    }

    private TestEvents() {
    }
}
