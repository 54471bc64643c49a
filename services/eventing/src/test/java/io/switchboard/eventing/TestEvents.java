package io.switchboard.eventing;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.contracts.tickets.TicketEvent;
import io.switchboard.contracts.tickets.TicketStatusChanged;

import java.time.Instant;
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

    static String uniqueTicket(String prefix) {
        return prefix + UUID.randomUUID();
    }

    private TestEvents() {
    }
}
