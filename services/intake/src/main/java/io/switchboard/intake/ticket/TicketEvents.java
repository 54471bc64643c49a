package io.switchboard.intake.ticket;

import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.tickets.AcknowledgerKind;
import io.switchboard.contracts.tickets.NoteAuthorRole;
import io.switchboard.contracts.tickets.NoteVisibility;
import io.switchboard.contracts.tickets.ReopenReason;
import io.switchboard.contracts.tickets.ResolutionCode;
import io.switchboard.contracts.tickets.TicketAcknowledged;
import io.switchboard.contracts.tickets.TicketClosed;
import io.switchboard.contracts.tickets.TicketNoteAdded;
import io.switchboard.contracts.tickets.TicketOccurrenceAdded;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.contracts.tickets.TicketReclassified;
import io.switchboard.contracts.tickets.TicketReopened;
import io.switchboard.contracts.tickets.TicketResolved;
import io.switchboard.contracts.tickets.TicketStatusChanged;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.TicketStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The ticket's state turned into the events of {@code support.tickets.v1}. */
final class TicketEvents {

    static TicketOpened opened(Ticket t) {
        return TicketOpened.newBuilder()
                .setTicketId(t.id).setCustomerId(t.customerId).setCustomerTier(t.customerTier)
                .setChannel(t.channel).setScenario(t.scenario).setTicketClass(t.ticketClass)
                .setCategory(t.category).setProduct(t.product).setRegion(t.region).setLanguage(t.language)
                .setImpact(t.impact).setUrgency(t.urgency).setPriority(t.priority)
                .setEmergencyLevel(t.emergencyLevel).setEmergency(t.emergency).setSupportLevel(t.supportLevel)
                .setSkill(t.skill).setCustomerTimeZone(t.customerTimeZone).setDedupKey(t.dedupKey).setSummary(t.summary)
                .setDescription(t.description).setAccountManagerId(t.accountManagerId)
                .setSourceReference(t.sourceReference).setProblemStartedAt(t.problemStartedAt).setOpenedAt(t.openedAt)
                .build();
    }

    static TicketOccurrenceAdded occurrence(Ticket t, int occurrenceCount, String source, String summary) {
        return TicketOccurrenceAdded.newBuilder()
                .setTicketId(t.id).setDedupKey(t.dedupKey).setOccurrenceCount(occurrenceCount)
                .setSource(source).setSummary(summary).setLastSeenAt(t.lastSeenAt)
                .build();
    }

    static TicketReclassified reclassified(Ticket t, String previousCategory, Priority previousPriority,
                                           boolean previousEmergency, EmergencyLevel previousEmergencyLevel, String reason,
                                           String actor, Instant at) {
        return TicketReclassified.newBuilder().setTicketId(t.id).setScenario(t.scenario).setTicketClass(t.ticketClass)
                .setCategory(t.category).setProduct(t.product).setImpact(t.impact).setUrgency(t.urgency)
                .setPriority(t.priority).setEmergencyLevel(t.emergencyLevel).setEmergency(t.emergency)
                .setPreviousEmergency(previousEmergency).setPreviousEmergencyLevel(previousEmergencyLevel)
                .setSupportLevel(t.supportLevel).setSkill(t.skill).setPreviousCategory(previousCategory)
                .setPreviousPriority(previousPriority).setReason(reason).setReclassifiedBy(actor).setReclassifiedAt(at)
                .build();
    }

    /** {@code at} is this acknowledgement's time, not the ticket's first response (which a reopen does not reset). */
    static TicketAcknowledged acknowledged(Ticket t, TicketStatus from, String by, AcknowledgerKind kind, boolean firstResponse,
                                           Instant at) {
        return TicketAcknowledged.newBuilder().setTicketId(t.id).setAcknowledgedBy(by).setAcknowledgedAt(at)
                .setAcknowledgedByKind(kind).setFirstResponse(firstResponse).setPreviousStatus(from).build();
    }

    static TicketStatusChanged statusChanged(Ticket t, TicketStatus from, String actor, String reason, Instant at) {
        return TicketStatusChanged.newBuilder().setTicketId(t.id).setFromStatus(from).setToStatus(t.status)
                .setChangedBy(actor).setReason(reason).setChangedAt(at).build();
    }

    /**
     * Only a PUBLIC note's text is published; an INTERNAL note is announced with its id, author and visibility and an
     * empty, withheld text (the text stays in intake), since a topic's records may end up where partners read.
     */
    static TicketNoteAdded noteAdded(Ticket t, String noteId, String author, NoteAuthorRole role, NoteVisibility visibility,
                                     boolean progressUpdate, String text, Instant at) {
        boolean published = visibility == NoteVisibility.PUBLIC;
        return TicketNoteAdded.newBuilder().setTicketId(t.id).setNoteId(noteId).setAuthorId(author).setAuthorRole(role)
                .setVisibility(visibility).setProgressUpdate(progressUpdate).setText(published ? text : "")
                .setTextWithheld(!published).setAddedAt(at).build();
    }

    static TicketResolved resolved(Ticket t, TicketStatus from, String summary, String agent, Long handlingTimeSeconds) {
        return TicketResolved.newBuilder().setTicketId(t.id).setCustomerId(t.customerId).setChannel(t.channel)
                .setLanguage(t.language).setResolutionCode(ResolutionCode.valueOf(t.resolutionCode))
                .setResolutionSummary(summary).setFirstContactResolution(Boolean.TRUE.equals(t.firstContactResolution))
                .setResolvedBy(agent).setSkillGroupId(null).setHandlingTimeSeconds(handlingTimeSeconds)
                .setResolvedAt(t.resolvedAt).setPreviousStatus(from).setPriority(t.priority).setCategory(t.category)
                .setProduct(t.product).setCustomerTier(t.customerTier).setEmergency(t.emergency)
                .setEmergencyLevel(t.emergencyLevel).build();
    }

    static TicketReopened reopened(Ticket t, TicketStatus from, ReopenReason reason, String note, String actor, Instant at) {
        return TicketReopened.newBuilder().setTicketId(t.id).setReason(reason).setNote(note).setReopenedBy(actor)
                .setReopenedAt(at).setPreviousStatus(from).build();
    }

    static TicketClosed closed(Ticket t, TicketStatus from, String actor, boolean majorIncident, LocalDate retainUntil) {
        return TicketClosed.newBuilder().setTicketId(t.id).setClosedBy(actor).setMajorIncident(majorIncident)
                .setRetainUntil(retainUntil).setClosedAt(t.closedAt).setPreviousStatus(from).build();
    }

    static LocalDate utcDate(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private TicketEvents() {
    }
}
