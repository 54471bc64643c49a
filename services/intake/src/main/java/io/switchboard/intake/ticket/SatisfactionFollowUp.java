package io.switchboard.intake.ticket;

import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.contracts.tickets.NoteAuthorRole;
import io.switchboard.contracts.tickets.NoteVisibility;
import io.switchboard.contracts.tickets.ReopenReason;
import io.switchboard.intake.domain.IntakeFacts;
import io.switchboard.intake.domain.TicketLifecycle;
import io.switchboard.web.errors.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * What intake does when feedback flags a low-satisfaction answer and asks it to act: a resolved ticket is reopened
 * (reason LOW_SATISFACTION); a closed one, which cannot be reopened, gets a follow-up ticket linked to it by its
 * dedup key {@code followup:<closed ticket id>} from source {@code feedback} (so a second flag while the follow-up is
 * open is an occurrence of it, not another ticket); a ticket still being worked on gets an internal note. Runs in the consumer's transaction, with the processed-event record.
 */
@ApplicationScoped
public class SatisfactionFollowUp {

    static final String ACTOR = "feedback";
    static final String DEDUP_SOURCE = "feedback";
    /** The follow-up's dedup key names the closed ticket: the link, on the ticket and on its TicketOpened. */
    public static final String FOLLOW_UP_PREFIX = "followup:";

    private final TicketLifecycleService lifecycle;
    private final TicketOpening opening;

    SatisfactionFollowUp(TicketLifecycleService lifecycle, TicketOpening opening) {
        this.lifecycle = lifecycle;
        this.opening = opening;
    }

    /** What was done, for the log and the tests. */
    public enum Outcome { REOPENED, FOLLOW_UP_OPENED, NOTED, UNKNOWN_TICKET }

    public record Result(Outcome outcome, String ticketId) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Result act(String ticketId, String surveyId, String reason) {
        Ticket ticket = Ticket.findById(ticketId);
        if (ticket == null) {
            return new Result(Outcome.UNKNOWN_TICKET, ticketId); // not one of ours (or purged): nothing to act on
        }
        String note = "low satisfaction (" + reason + ") in survey " + surveyId;
        if (ticket.status == TicketStatus.RESOLVED) {
            try {
                lifecycle.reopen(ticketId, ReopenReason.LOW_SATISFACTION, note, ACTOR);
                return new Result(Outcome.REOPENED, ticketId);
            } catch (ConflictException dedupKeyOpen) {
                // its fault is open as a newer ticket: the customer's complaint is noted on this one
                lifecycle.addNote(ticketId, ACTOR, NoteAuthorRole.SYSTEM, NoteVisibility.INTERNAL, false, note
                        + "; not reopened: " + dedupKeyOpen.getMessage());
                return new Result(Outcome.NOTED, ticketId);
            }
        }
        if (ticket.status == TicketStatus.CLOSED) {
            IntakeFacts facts = IntakeFacts.of(ticket.channel).withTier(ticket.customerTier, "tier of the closed ticket " + ticketId)
                    .withCategory(ticket.category, "the closed ticket " + ticketId).withImpact(ticket.impact).withUrgency(ticket.urgency);
            TicketOpening.Intake followUp = opening.open(new TicketOpening.NewWork(ticket.channel, ticket.customerId, facts,
                    "Follow-up of " + ticketId + ": " + note, null, ticket.product, ticket.region, ticket.language,
                    DEDUP_SOURCE, FOLLOW_UP_PREFIX + ticketId, null, ACTOR, ticket.skill, null));
            return new Result(Outcome.FOLLOW_UP_OPENED, followUp.ticket().id);
        }
        if (TicketLifecycle.isOpen(ticket.status)) {
            lifecycle.addNote(ticketId, ACTOR, NoteAuthorRole.SYSTEM, NoteVisibility.INTERNAL, false, note);
            return new Result(Outcome.NOTED, ticketId);
        }
        return new Result(Outcome.UNKNOWN_TICKET, ticketId);
    }
}
