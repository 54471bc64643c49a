package io.switchboard.escalation.incident;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A major incident with its own durable timer (the next progress update or the compensation review). */
@Entity
@Table(name = "major_incident")
public class MajorIncidentRow extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public String incidentId;

    public String summary;

    @Column(name = "emergency_level")
    public String emergencyLevel;

    @Column(name = "response_team")
    public String responseTeam;

    @Column(name = "declared_by")
    public String declaredBy;

    @Column(name = "declared_at")
    public Instant declaredAt;

    @Column(name = "impact_started_at")
    public Instant impactStartedAt;

    @Column(name = "progress_interval_seconds")
    public long progressIntervalSeconds;

    @Column(name = "review_after_seconds")
    public long reviewAfterSeconds;

    @Column(name = "updates_sent")
    public int updatesSent;

    @Column(name = "review_sent")
    public boolean reviewSent;

    @Column(name = "next_due_at")
    public Instant nextDueAt;
}
