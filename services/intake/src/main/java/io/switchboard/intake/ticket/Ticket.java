package io.switchboard.intake.ticket;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
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
import io.switchboard.intake.domain.Classification;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A ticket: one problem of one customer, its classification with reasons, and its lifecycle. */
@Entity
@Table(name = "ticket")
public class Ticket extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "customer_id")
    public String customerId;
    @Enumerated(EnumType.STRING)
    @Column(name = "customer_tier")
    public CustomerTier customerTier;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String category;
    @Enumerated(EnumType.STRING)
    @Column(name = "ticket_class")
    public TicketClass ticketClass;
    @Enumerated(EnumType.STRING)
    public Scenario scenario;
    public String product;
    public String region;
    public String language;
    @Enumerated(EnumType.STRING)
    public Impact impact;
    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Enumerated(EnumType.STRING)
    @Column(name = "emergency_level")
    public EmergencyLevel emergencyLevel;
    /** An emergency, with or without a class; reclassification keeps it unless told otherwise. */
    public boolean emergency;
    @Enumerated(EnumType.STRING)
    @Column(name = "support_level")
    public SupportLevel supportLevel;
    /** The skill the IVR option or category asks for, a routing hint. */
    public String skill;
    @Column(name = "problem_started_at")
    public Instant problemStartedAt;
    @Column(name = "customer_time_zone")
    public String customerTimeZone;
    public String summary;
    public String description;
    @Enumerated(EnumType.STRING)
    public TicketStatus status;
    @Column(name = "dedup_source")
    public String dedupSource;
    @Column(name = "dedup_key")
    public String dedupKey;
    @Column(name = "occurrence_count")
    public int occurrenceCount;
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
    @Column(name = "source_reference")
    public String sourceReference;
    @Column(name = "previous_ticket_id")
    public String previousTicketId;
    @Column(name = "account_manager_id")
    public String accountManagerId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> reasons = new LinkedHashMap<>();
    @JdbcTypeCode(SqlTypes.JSON)
    public List<HistoryEntry> history = new ArrayList<>();
    @Column(name = "opened_at")
    public Instant openedAt;
    /** The first response by an agent (the first-response SLA); a monitoring system's acknowledge never sets it. */
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    /** When a monitoring system last acknowledged the ticket. */
    @Column(name = "monitoring_acknowledged_at")
    public Instant monitoringAcknowledgedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "resolution_code")
    public String resolutionCode;
    @Column(name = "first_contact_resolution")
    public Boolean firstContactResolution;
    /** Set when the escalation service declared a major incident on this ticket. */
    @Column(name = "major_incident_id")
    public String majorIncidentId;
    @Version
    public long version;

    /** One line of a ticket's history, as GET shows it. */
    public record HistoryEntry(Instant at, String kind, String actor, String detail) {
    }

    /** Takes a classification's outcome: what it is, how urgent, whether an emergency, at which level, and why. */
    void classifyAs(Classification classification, SupportLevel level) {
        category = classification.category();
        ticketClass = classification.ticketClass();
        scenario = classification.scenario();
        impact = classification.impact();
        urgency = classification.urgency();
        priority = classification.priority();
        emergencyLevel = classification.emergencyLevel();
        emergency = classification.emergency();
        supportLevel = level;
        reasons = new LinkedHashMap<>(classification.reasons());
    }

    void record(Instant at, String kind, String actor, String detail) {
        List<HistoryEntry> next = new ArrayList<>(history);
        next.add(new HistoryEntry(at, kind, actor, detail));
        history = next; // a new list, so that Hibernate sees the JSON column change
    }
}
