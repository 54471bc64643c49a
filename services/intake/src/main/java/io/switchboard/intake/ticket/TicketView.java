package io.switchboard.intake.ticket;

import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.Scenario;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.contracts.common.TicketClass;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.contracts.common.Urgency;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ticket as the API shows it, with the reason for each classification decision and its history.
 * {@code acknowledgedAt} is the first response by an agent; {@code monitoringAcknowledgedAt} a monitoring system's.
 */
public record TicketView(String id, String customerId, CustomerTier customerTier, Channel channel, String category,
                         TicketClass ticketClass, Scenario scenario, String product, String region, String language,
                         Impact impact, Urgency urgency, Priority priority, EmergencyLevel emergencyLevel, boolean emergency,
                         SupportLevel supportLevel, String skill, String customerTimeZone, String summary,
                         String description, TicketStatus status, String dedupSource, String dedupKey, int occurrenceCount,
                         Instant lastSeenAt, String sourceReference, String previousTicketId, String accountManagerId,
                         Map<String, String> reasons, Instant problemStartedAt, Instant openedAt, Instant acknowledgedAt,
                         Instant monitoringAcknowledgedAt, Instant resolvedAt,
                         Instant closedAt, String resolutionCode, Boolean firstContactResolution,
                         String majorIncidentId, List<Ticket.HistoryEntry> history) {

    public static TicketView of(Ticket t, boolean withHistory) {
        return of(t, withHistory ? t.history : null);
    }

    private static TicketView of(Ticket t, List<Ticket.HistoryEntry> history) {
        return new TicketView(t.id, t.customerId, t.customerTier, t.channel, t.category, t.ticketClass, t.scenario, t.product,
                t.region, t.language, t.impact, t.urgency, t.priority, t.emergencyLevel, t.emergency, t.supportLevel, t.skill,
                t.customerTimeZone, t.summary, t.description, t.status,
                t.dedupSource, t.dedupKey, t.occurrenceCount, t.lastSeenAt, t.sourceReference, t.previousTicketId,
                t.accountManagerId, t.reasons, t.problemStartedAt, t.openedAt, t.acknowledgedAt, t.monitoringAcknowledgedAt,
                t.resolvedAt, t.closedAt, t.resolutionCode,
                t.firstContactResolution, t.majorIncidentId, history);
    }

    /** History kinds a customer sees: the lifecycle and its own updates. */
    private static final Set<String> CUSTOMER_HISTORY = Set.of("opened", "acknowledged", "status", "customer-update",
            "public-note", "resolved", "reopened", "closed");

    /**
     * The ticket as its customer sees it: its own updates and the desk's public notes, never an internal
     * note ("note") nor a reclassification's reasons.
     */
    public static TicketView forCustomer(Ticket t) {
        return of(t, t.history == null ? List.<Ticket.HistoryEntry>of()
                : t.history.stream().filter(entry -> CUSTOMER_HISTORY.contains(entry.kind())).toList());
    }
}
