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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * The ended outages of these products and regions that overlap {@code from..until}, read with plain JDBC on the
     * transaction's connection: fresh rows (never a managed entity loaded earlier in the session), not managed.
     */
    public static List<OutageRow> ended(Connection c, Object[] products, Object[] regions, Instant from, Instant until) throws SQLException {
        List<OutageRow> outages = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("select id, product, region, cast(customer_ids as text), cast(resource_ids as text), "
                + "started_at, ended_at, revision from outage where product = any(?) and region = any(?) and ended_at is not null "
                + "and started_at < ? and ended_at > ? order by started_at, id")) {
            q.setArray(1, c.createArrayOf("varchar", products));
            q.setArray(2, c.createArrayOf("varchar", regions));
            q.setTimestamp(3, Timestamp.from(until));
            q.setTimestamp(4, Timestamp.from(from));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    OutageRow o = new OutageRow();
                    o.id = rs.getString(1);
                    o.product = rs.getString(2);
                    o.region = rs.getString(3);
                    o.customerIds = strings(rs.getString(4));
                    o.resourceIds = strings(rs.getString(5));
                    o.startedAt = rs.getTimestamp(6).toInstant();
                    o.endedAt = rs.getTimestamp(7).toInstant();
                    o.revision = rs.getInt(8);
                    outages.add(o);
                }
            }
        }
        return outages;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A jsonb array of strings, as text. */
    public static List<String> strings(String json) {
        if (json == null || json.equals("[]")) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a JSON array of strings: " + json, e);
        }
    }

    /** The unavailable period, once the outage has ended. */
    public Optional<Period> period() {
        return endedAt == null ? Optional.empty() : Optional.of(new Period(startedAt, endedAt));
    }
}
