package io.switchboard.routing.ticket;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One entry of a ticket's routing history: what was done, by which rule, why, and who was passed over. */
@Entity
@Table(name = "routing_decision")
public class DecisionRow extends PanacheEntityBase {

    /** A skipped candidate as stored: {@code GROUP bj-billing-l1 CLOSED_HOURS}. */
    public record SkippedCandidate(String kind, String candidate, String reason) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "ticket_id")
    public String ticketId;
    @Column(name = "decided_at")
    public Instant decidedAt;
    public String action;
    public String outcome;
    @Column(name = "group_id")
    public String groupId;
    @Column(name = "agent_id")
    public String agentId;
    public String rule;
    public String reason;
    public String requirement;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<SkippedCandidate> skipped = new ArrayList<>();
    @Column(name = "skipped_not_recorded")
    public int skippedNotRecorded;
    public String actor;

    /** The skipped candidates as the {@code skipped} column holds them (what the JSON mapping writes). */
    static String skippedJson(List<SkippedCandidate> skipped) {
        StringBuilder json = new StringBuilder("[");
        for (SkippedCandidate s : skipped) {
            json.append(json.length() == 1 ? "" : ",").append("{\"kind\":").append(quoted(s.kind()))
                    .append(",\"candidate\":").append(quoted(s.candidate())).append(",\"reason\":").append(quoted(s.reason())).append('}');
        }
        return json.append(']').toString();
    }

    private static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder q = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
