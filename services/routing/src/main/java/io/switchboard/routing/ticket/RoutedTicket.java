package io.switchboard.routing.ticket;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.routing.domain.RoutingTicket;

import java.time.Instant;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;

/** A ticket as routing knows it, and where it is: QUEUED in a group, ASSIGNED to an agent, UNROUTABLE, or DONE. */
@Entity
@Table(name = "routed_ticket")
public class RoutedTicket extends PanacheEntityBase {

    public enum Status { QUEUED, ASSIGNED, UNROUTABLE, DONE }

    @Id
    public String id;
    @Column(name = "customer_id")
    public String customerId;
    public String tier;
    public String language;
    public String skill;
    public String category;
    public String product;
    public String priority;
    public boolean emergency;
    @Column(name = "emergency_level")
    public String emergencyLevel;
    public String level;
    @Column(name = "account_manager_id")
    public String accountManagerId;
    public String region;
    @Column(name = "customer_time_zone")
    public String customerTimeZone;
    @Column(name = "opened_at")
    public Instant openedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "declined_by")
    public List<String> declinedBy = new ArrayList<>();
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;
    @Column(name = "group_id")
    public String groupId;
    @Column(name = "agent_id")
    public String agentId;
    @Column(name = "queued_at")
    public Instant queuedAt;
    @Column(name = "wait_until")
    public Instant waitUntil;
    @Column(name = "routed_at")
    public Instant routedAt;
    @Column(name = "assigned_at")
    public Instant assignedAt;
    @Version
    public long version;

    /** The ticket as the routing decision reads it. */
    public RoutingTicket toDomain() {
        return new RoutingTicket(id, customerId, CustomerTier.valueOf(tier), language, skill, category, product,
                Priority.valueOf(priority), emergency, emergencyLevel == null ? null : EmergencyLevel.valueOf(emergencyLevel),
                SupportLevel.valueOf(level), accountManagerId, region, customerTimeZone, openedAt, Set.copyOf(declinedBy));
    }

    /** A new row from what routing learned of a ticket. */
    public static RoutedTicket of(RoutingTicket t, Instant now) {
        RoutedTicket row = new RoutedTicket();
        row.id = t.id();
        row.customerId = t.customerId();
        row.tier = t.tier().name();
        row.language = t.language();
        row.skill = t.skill();
        row.category = t.category();
        row.product = t.product();
        row.priority = t.priority().name();
        row.emergency = t.emergency();
        row.emergencyLevel = t.emergencyLevel() == null ? null : t.emergencyLevel().name();
        row.level = t.level().name();
        row.accountManagerId = t.accountManagerId();
        row.region = t.region();
        row.customerTimeZone = t.customerTimeZone();
        row.openedAt = t.openedAt();
        row.declinedBy = new ArrayList<>(t.declinedBy());
        row.status = Status.UNROUTABLE;
        row.routedAt = now;
        return row;
    }
}
