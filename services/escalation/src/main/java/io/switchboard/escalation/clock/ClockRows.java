package io.switchboard.escalation.clock;

import io.switchboard.escalation.domain.SlaClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code sla_clock} table: each ticket's clocks as of its last evaluation, for the at-risk list. */
@ApplicationScoped
public class ClockRows {

    /** One row of the at-risk list. */
    public record AtRisk(String ticketId, String clockKey, String metric, String state, String policyId, int policyVersion,
                         long targetSeconds, long usedSeconds, Instant dueAt) {
    }

    private final EntityManager entityManager;

    ClockRows(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A ticket's clocks as just evaluated. */
    public record TicketClocks(String ticketId, List<SlaClock> clocks) {
    }

    /** Replaces the clock rows of these tickets, in two statements whatever their number. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replace(List<TicketClocks> tickets, Instant evaluatedAt) {
        if (tickets.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("delete from sla_clock where ticket_id = any (?)")) {
                delete.setArray(1, connection.createArrayOf("varchar", tickets.stream().map(TicketClocks::ticketId).toArray()));
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into sla_clock (ticket_id, clock_key, metric, state, "
                    + "policy_id, policy_version, target_seconds, used_seconds, started_at, stopped_at, due_at, evaluated_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (TicketClocks ticket : tickets) for (SlaClock clock : ticket.clocks()) {
                    insert.setString(1, ticket.ticketId());
                    insert.setString(2, clock.key());
                    insert.setString(3, clock.metric().name());
                    insert.setString(4, clock.state().name());
                    insert.setString(5, clock.policyId());
                    insert.setInt(6, clock.policyVersion());
                    insert.setLong(7, clock.target().toSeconds());
                    insert.setLong(8, clock.used().toSeconds());
                    insert.setTimestamp(9, Timestamp.from(clock.startedAt()));
                    setInstant(insert, 10, clock.stoppedAt());
                    setInstant(insert, 11, clock.dueAt());
                    insert.setTimestamp(12, Timestamp.from(evaluatedAt));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** Clocks in warning or breached, soonest due first. */
    public List<AtRisk> atRisk(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select ticket_id, clock_key, metric, state, policy_id, policy_version, "
                        + "target_seconds, used_seconds, due_at from sla_clock where state in ('WARNING', 'BREACHED') "
                        + "order by due_at nulls last, ticket_id limit ?1")
                .setParameter(1, limit).getResultList();
        List<AtRisk> list = new ArrayList<>();
        for (Object[] r : rows) {
            list.add(new AtRisk((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], ((Number) r[5]).intValue(),
                    ((Number) r[6]).longValue(), ((Number) r[7]).longValue(), r[8] == null ? null : instant(r[8])));
        }
        return list;
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) return i;
        if (value instanceof java.time.OffsetDateTime o) return o.toInstant();
        if (value instanceof Timestamp t) return t.toInstant();
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws java.sql.SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setTimestamp(index, Timestamp.from(value));
        }
    }
}
