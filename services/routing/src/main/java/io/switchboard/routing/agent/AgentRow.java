package io.switchboard.routing.agent;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent as stored. {@code load} is changed only by {@link AgentRepository}'s conditional updates,
 * never through this entity, so that two routing instances can never push it past {@code capacity}.
 */
@Entity
@Table(name = "agent")
public class AgentRow extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "centre_id")
    public String centreId;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> languages = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Integer> skills = new LinkedHashMap<>();
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> certifications = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> groups = new ArrayList<>();
    public int capacity;
    @Column(insertable = true, updatable = false)
    public int load;
    public String presence;
    @Column(name = "presence_since")
    public Instant presenceSince;
    @Column(name = "last_assigned_at", insertable = true, updatable = false)
    public Instant lastAssignedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "managed_customers")
    public List<String> managedCustomers = new ArrayList<>();
    public boolean temporary;
    public String roster;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
