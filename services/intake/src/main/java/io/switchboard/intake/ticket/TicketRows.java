package io.switchboard.intake.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads ticket rows that the set-based write path gets back from PostgreSQL ({@code returning}),
 * without loading entities into the persistence context. The history column is left out.
 */
final class TicketRows {

    /** The columns {@link #read} expects, in any order; {@code t.} qualifies them for joins. */
    static final String COLUMNS = """
            t.id, t.customer_id, t.customer_tier, t.channel, t.category, t.ticket_class, t.scenario, t.product, t.region,
            t.language, t.impact, t.urgency, t.priority, t.emergency_level, t.summary, t.description, t.status,
            t.dedup_source, t.dedup_key, t.occurrence_count, t.last_seen_at, t.source_reference, t.previous_ticket_id,
            t.account_manager_id, t.reasons::text as reasons, t.opened_at, t.acknowledged_at, t.resolved_at, t.closed_at,
            t.resolution_code, t.first_contact_resolution, t.version, t.emergency, t.support_level, t.skill,
            t.problem_started_at, t.customer_time_zone, t.monitoring_acknowledged_at, t.major_incident_id""";

    private static final TypeReference<LinkedHashMap<String, String>> REASONS = new TypeReference<>() {
    };

    static Ticket read(ResultSet row, ObjectMapper json) throws SQLException {
        Ticket t = new Ticket();
        t.id = row.getString("id");
        t.customerId = row.getString("customer_id");
        t.customerTier = enumValue(CustomerTier.class, row.getString("customer_tier"));
        t.channel = enumValue(Channel.class, row.getString("channel"));
        t.category = row.getString("category");
        t.ticketClass = enumValue(TicketClass.class, row.getString("ticket_class"));
        t.scenario = enumValue(Scenario.class, row.getString("scenario"));
        t.product = row.getString("product");
        t.region = row.getString("region");
        t.language = row.getString("language");
        t.impact = enumValue(Impact.class, row.getString("impact"));
        t.urgency = enumValue(Urgency.class, row.getString("urgency"));
        t.priority = enumValue(Priority.class, row.getString("priority"));
        t.emergencyLevel = enumValue(EmergencyLevel.class, row.getString("emergency_level"));
        t.summary = row.getString("summary");
        t.description = row.getString("description");
        t.status = enumValue(TicketStatus.class, row.getString("status"));
        t.dedupSource = row.getString("dedup_source");
        t.dedupKey = row.getString("dedup_key");
        t.occurrenceCount = row.getInt("occurrence_count");
        t.lastSeenAt = instant(row, "last_seen_at");
        t.sourceReference = row.getString("source_reference");
        t.previousTicketId = row.getString("previous_ticket_id");
        t.accountManagerId = row.getString("account_manager_id");
        t.reasons = reasons(row.getString("reasons"), json);
        t.history = null;
        t.openedAt = instant(row, "opened_at");
        t.acknowledgedAt = instant(row, "acknowledged_at");
        t.resolvedAt = instant(row, "resolved_at");
        t.closedAt = instant(row, "closed_at");
        t.resolutionCode = row.getString("resolution_code");
        boolean firstContact = row.getBoolean("first_contact_resolution");
        t.firstContactResolution = row.wasNull() ? null : firstContact;
        t.version = row.getLong("version");
        t.emergency = row.getBoolean("emergency");
        t.supportLevel = enumValue(SupportLevel.class, row.getString("support_level"));
        t.skill = row.getString("skill");
        t.problemStartedAt = instant(row, "problem_started_at");
        t.customerTimeZone = row.getString("customer_time_zone");
        t.monitoringAcknowledgedAt = instant(row, "monitoring_acknowledged_at");
        t.majorIncidentId = row.getString("major_incident_id");
        return t;
    }

    private static Map<String, String> reasons(String text, ObjectMapper json) {
        try {
            return json.readValue(text, REASONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable reasons column", e);
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private TicketRows() {
    }
}
