package io.switchboard.intake.ticket;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.contracts.tickets.AcknowledgerKind;
import io.switchboard.contracts.tickets.NoteAuthorRole;
import io.switchboard.contracts.tickets.NoteVisibility;
import io.switchboard.contracts.tickets.ReopenReason;
import io.switchboard.contracts.tickets.ResolutionCode;
import io.switchboard.eventing.postgres.Outbox;
import io.switchboard.intake.domain.IllegalTransitionException;
import io.switchboard.intake.domain.TicketAction;
import io.switchboard.intake.domain.TicketLifecycle;
import io.switchboard.web.errors.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves tickets through their lifecycle ({@link TicketLifecycle}): each change locks the ticket, applies the rule,
 * records history and publishes its event through the outbox, in the caller's transaction.
 */
@ApplicationScoped
public class TicketLifecycleService {

    private final TicketRepository tickets;
    private final Outbox outbox;
    private final Clock clock;
    private final RetentionPolicy retention;

    TicketLifecycleService(TicketRepository tickets, Outbox outbox, Clock clock, RetentionPolicy retention) {
        this.tickets = tickets;
        this.outbox = outbox;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * An agent's response. The first one on the ticket is its first response ({@code acknowledgedAt}, what the
     * first-response SLA measures). A ticket only a monitoring system has acknowledged still takes it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket acknowledge(String ticketId, String agent) {
        Ticket ticket = tickets.lockedTicket(ticketId);
        Instant now = now();
        TicketStatus from = ticket.status;
        boolean systemAcknowledgedOnly = from == TicketStatus.ACKNOWLEDGED && ticket.acknowledgedAt == null;
        if (!systemAcknowledgedOnly) {
            ticket.status = TicketLifecycle.apply(from, TicketAction.ACKNOWLEDGE);
        }
        boolean first = ticket.acknowledgedAt == null;
        if (first) {
            ticket.acknowledgedAt = now;
        }
        ticket.record(now, "acknowledged", agent, (first ? "first response by " : "acknowledged by ") + agent);
        outbox.publish(Topic.TICKETS, ticket.id,
                TicketEvents.acknowledged(ticket, from, agent, AcknowledgerKind.AGENT, first, now));
        return ticket;
    }

    /**
     * A monitoring system's acknowledge (PagerDuty's event_action acknowledge): the ticket moves to ACKNOWLEDGED,
     * but it is not a response by a person, so the first-response clock keeps running.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket acknowledgeBySystem(String ticketId, String source) {
        Ticket ticket = tickets.lockedTicket(ticketId);
        Instant now = now();
        TicketStatus from = ticket.status;
        ticket.status = TicketLifecycle.apply(from, TicketAction.ACKNOWLEDGE);
        ticket.monitoringAcknowledgedAt = now;
        ticket.record(now, "acknowledged", source, "acknowledged by monitoring system " + source + " (not a first response)");
        outbox.publish(Topic.TICKETS, ticket.id,
                TicketEvents.acknowledged(ticket, from, source, AcknowledgerKind.SYSTEM, false, now));
        return ticket;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket changeStatus(String ticketId, TicketStatus to, String actor, String reason) {
        Ticket ticket = tickets.lockedTicket(ticketId);
        TicketAction action = TicketLifecycle.changeStatus(ticket.status, to);
        if (action == TicketAction.ACKNOWLEDGE) {
            return acknowledge(ticketId, actor);
        }
        Instant now = now();
        TicketStatus from = ticket.status;
        ticket.status = TicketLifecycle.apply(from, action);
        ticket.record(now, "status", actor, from + " -> " + ticket.status + (reason == null ? "" : ": " + reason));
        outbox.publish(Topic.TICKETS, ticket.id, TicketEvents.statusChanged(ticket, from, actor, reason, now));
        return ticket;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket addNote(String ticketId, String author, NoteAuthorRole role, NoteVisibility visibility,
                          boolean progressUpdate, String text) {
        Ticket ticket = tickets.lockedTicket(ticketId);
        if (ticket.status == TicketStatus.CLOSED) {
            throw new IllegalTransitionException(ticket.status, "add a note", TicketLifecycle.allowedActions(ticket.status));
        }
        Instant now = now();
        String noteId = "NOTE-" + UUID.randomUUID();
        ticket.record(now, historyKind(role, visibility), author, text);
        outbox.publish(Topic.TICKETS, ticket.id,
                TicketEvents.noteAdded(ticket, noteId, author, role, visibility, progressUpdate, text, now));
        // The history keeps the text; the event carries an internal note's text only as withheld (see TicketEvents).
        return ticket;
    }

    /** A customer's own update, a desk note the customer may read, or an internal one (see TicketView.forCustomer). */
    static String historyKind(NoteAuthorRole role, NoteVisibility visibility) {
        if (role == NoteAuthorRole.CUSTOMER) {
            return "customer-update";
        }
        return visibility == NoteVisibility.PUBLIC ? "public-note" : "note";
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket resolve(String ticketId, ResolutionCode code, boolean firstContact, String summary, String agent) {
        Ticket ticket = tickets.lockedTicket(ticketId);
        Instant now = now();
        TicketStatus from = ticket.status;
        ticket.status = TicketLifecycle.apply(from, TicketAction.RESOLVE);
        ticket.resolvedAt = now;
        ticket.resolutionCode = code.name();
        ticket.firstContactResolution = firstContact;
        ticket.record(now, "resolved", agent, code + (summary == null ? "" : ": " + summary));
        Long handling = ticket.acknowledgedAt == null ? null : Duration.between(ticket.acknowledgedAt, now).toSeconds();
        outbox.publish(Topic.TICKETS, ticket.id, TicketEvents.resolved(ticket, from, summary, agent, handling));
        return ticket;
    }

    /**
     * Reopens a resolved ticket. A ticket with a dedup key cannot be reopened while a newer ticket with the same key
     * is open (one open ticket per fault): that is a {@link ConflictException} naming the open ticket, which is where
     * the fault is being worked on now.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket reopen(String ticketId, ReopenReason reason, String note, String actor) {
        Ticket ticket = tickets.lockedTicket(ticketId);
        Instant now = now();
        TicketStatus from = ticket.status;
        TicketStatus to = TicketLifecycle.apply(from, TicketAction.REOPEN);
        if (ticket.dedupKey != null) {
            Optional<Ticket> open = tickets.openByDedupKey(ticket.dedupSource, ticket.dedupKey);
            if (open.isPresent()) {
                throw dedupKeyOpen(ticket, open.get().id);
            }
        }
        ticket.status = to;
        ticket.resolvedAt = null;
        ticket.resolutionCode = null;
        ticket.firstContactResolution = null;
        ticket.record(now, "reopened", actor, reason + (note == null ? "" : ": " + note));
        outbox.publish(Topic.TICKETS, ticket.id, TicketEvents.reopened(ticket, from, reason, note, actor, now));
        if (ticket.dedupKey != null) {
            try {
                tickets.flush(); // a ticket with the key opened meanwhile: the partial unique index says so here
            } catch (PersistenceException e) {
                for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                    if (cause instanceof ConstraintViolationException violation
                            && "ticket_open_dedup".equals(violation.getConstraintName())) {
                        throw dedupKeyOpen(ticket, null);
                    }
                }
                throw e;
            }
        }
        return ticket;
    }

    private static ConflictException dedupKeyOpen(Ticket ticket, String openTicketId) {
        return new ConflictException("Dedup key in use", "ticket " + ticket.id + " cannot be reopened: its dedup key '"
                + ticket.dedupKey + "' (source " + ticket.dedupSource + ") is open as ticket "
                + (openTicketId != null ? openTicketId : "opened at the same time")
                + "; work on that ticket, or resolve it first", "dedupKey");
    }

    /**
     * Closes the ticket. It is kept for the major-incident retention when the closer says so or when the escalation
     * service declared a major incident on it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket close(String ticketId, String actor, boolean majorIncidentSaid) {
        Ticket ticket = tickets.lockedTicket(ticketId);
        Instant now = now();
        TicketStatus from = ticket.status;
        boolean majorIncident = majorIncidentSaid || ticket.majorIncidentId != null;
        ticket.status = TicketLifecycle.apply(from, TicketAction.CLOSE);
        ticket.closedAt = now;
        ticket.record(now, "closed", actor, majorIncident ? "closed (major incident)" : "closed");
        outbox.publish(Topic.TICKETS, ticket.id,
                TicketEvents.closed(ticket, from, actor, majorIncident, TicketEvents.utcDate(retention.retainUntil(now, majorIncident))));
        return ticket;
    }

    /**
     * The escalation service moved the ticket to another support level: the ticket shows it. Events about tickets
     * this intake does not hold (or has purged) are ignored; a redelivered one is stopped by the consumer's
     * processed-event record.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void escalated(String ticketId, SupportLevel from, SupportLevel to, String reason, String by, Instant at) {
        if (Ticket.findById(ticketId) == null) {
            return;
        }
        Ticket ticket = tickets.lockedTicket(ticketId);
        ticket.supportLevel = to;
        ticket.record(at, "escalated", by, from + " -> " + to + " (" + reason + ")");
    }

    /** The escalation service declared a major incident on the ticket: marked, for the history and the retention. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void majorIncidentDeclared(String ticketId, String majorIncidentId, String by, Instant at) {
        if (Ticket.findById(ticketId) == null) {
            return;
        }
        Ticket ticket = tickets.lockedTicket(ticketId);
        ticket.majorIncidentId = majorIncidentId;
        ticket.record(at, "major-incident", by, "major incident " + majorIncidentId + " declared");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
