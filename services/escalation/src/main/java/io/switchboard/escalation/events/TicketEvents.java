package io.switchboard.escalation.events;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.contracts.tickets.AcknowledgerKind;
import io.switchboard.contracts.tickets.TicketAcknowledged;
import io.switchboard.contracts.tickets.TicketClosed;
import io.switchboard.contracts.tickets.TicketNoteAdded;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.contracts.tickets.TicketReclassified;
import io.switchboard.contracts.tickets.TicketReopened;
import io.switchboard.contracts.tickets.TicketResolved;
import io.switchboard.contracts.tickets.TicketStatusChanged;
import io.switchboard.escalation.clock.TicketClocks;
import io.switchboard.escalation.domain.TicketFact;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.RejectedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * {@code support.tickets.v1}: each ticket event becomes a fact of its ticket, with the time it
 * happened; the ticket's clocks are settled in the same transaction. Other event types are skipped.
 */
@ApplicationScoped
public class TicketEvents implements EventHandler {

    private final EventConsumers consumers;
    private final TicketClocks clocks;

    TicketEvents(EventConsumers consumers, TicketClocks clocks) {
        this.consumers = consumers;
        this.clocks = clocks;
    }

    @Override
    public Topic topic() {
        return Topic.TICKETS;
    }

    @Override
    public String name() {
        return "tickets";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.TICKETS)
                .on(TicketOpened.class, (e, m) -> record(e.getTicketId(), new TicketFact.Opened(m.eventId(), e.getOpenedAt(),
                        e.getProblemStartedAt(), e.getCustomerId(), e.getCustomerTier(), e.getPriority(), e.getCategory(), e.getProduct(),
                        e.getRegion(), e.getCustomerTimeZone(), e.getEmergency(), e.getEmergencyLevel(), e.getSupportLevel(), e.getSummary())))
                .on(TicketReclassified.class, (e, m) -> record(e.getTicketId(), new TicketFact.Reclassified(m.eventId(), e.getReclassifiedAt(),
                        e.getPriority(), e.getCategory(), e.getProduct(), e.getEmergency(), e.getEmergencyLevel(), e.getSupportLevel(),
                        e.getReason(), e.getReclassifiedBy())))
                .on(TicketAcknowledged.class, (e, m) -> record(e.getTicketId(), new TicketFact.Acknowledged(m.eventId(), e.getAcknowledgedAt(),
                        e.getAcknowledgedBy(), byPerson(e))))
                .on(TicketStatusChanged.class, (e, m) -> record(e.getTicketId(), new TicketFact.StatusChanged(m.eventId(), e.getChangedAt(),
                        e.getToStatus() == TicketStatus.WAITING_ON_CUSTOMER)))
                .on(TicketNoteAdded.class, this::note)
                .on(TicketResolved.class, (e, m) -> record(e.getTicketId(), new TicketFact.Resolved(m.eventId(), e.getResolvedAt(), e.getSkillGroupId())))
                .on(TicketReopened.class, (e, m) -> record(e.getTicketId(), new TicketFact.Reopened(m.eventId(), e.getReopenedAt())))
                .on(TicketClosed.class, (e, m) -> record(e.getTicketId(), new TicketFact.Closed(m.eventId(), e.getClosedAt())));
    }

    /** A poll's records at once (the channel has {@code batch=true}): their tickets settled together, in one transaction. */
    @Incoming("tickets")
    @Blocking
    void consume(ConsumerRecords<byte[], byte[]> records) {
        consumers.consumeAll(this, records);
    }

    @Override
    public void applyAll(List<Runnable> callbacks) {
        clocks.recordAll(callbacks);
    }

    /** Only a published progress update answers the next-update clock; other notes change no clock. */
    private void note(TicketNoteAdded note, EventMetadata metadata) {
        if (note.getProgressUpdate()) {
            record(note.getTicketId(), new TicketFact.ProgressUpdated(metadata.eventId(), note.getAddedAt(), note.getAuthorId()));
        }
    }

    /** A monitoring system's acknowledge does not answer the customer; older producers leave the kind out. */
    static boolean byPerson(TicketAcknowledged ack) {
        AcknowledgerKind kind = ack.getAcknowledgedByKind();
        return kind == null ? !"system".equalsIgnoreCase(ack.getAcknowledgedBy()) : kind == AcknowledgerKind.AGENT;
    }

    private void record(String ticketId, TicketFact fact) {
        if (ticketId == null || ticketId.isBlank() || ticketId.length() > 128) {
            throw new RejectedEventException("ticketId must be 1-128 characters");
        }
        clocks.record(ticketId, fact);
    }
}
