package io.switchboard.compensation.outage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.switchboard.compensation.domain.OutageScope;
import io.switchboard.compensation.domain.Period;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An outage: its scope and its period (open while it has no end); {@code revision} counts its corrections. */
@Entity
@Table(name = "outage")
public class OutageRow extends PanacheEntityBase {

    @Id
    public String id;
    public String product;
    public String region;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "customer_ids", columnDefinition = "jsonb")
    public List<String> customerIds;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "resource_ids", columnDefinition = "jsonb")
    public List<String> resourceIds;
    public String summary;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    public int revision;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;

    public OutageScope scope() {
        return new OutageScope(product, region, Set.copyOf(customerIds), Set.copyOf(resourceIds));
    }

    /** The unavailable period, once the outage has ended. */
    public Optional<Period> period() {
        return endedAt == null ? Optional.empty() : Optional.of(new Period(startedAt, endedAt));
    }
}
