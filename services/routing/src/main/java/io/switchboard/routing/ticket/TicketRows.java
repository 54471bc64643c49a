package io.switchboard.routing.ticket;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Routed tickets' rows read and written with plain JDBC, for a batch of ticket events: the rows are
 * read and locked in one statement, changed as plain objects (not entities: no persistence context to
 * track them), and written at the batch's end as two JDBC batches, the new rows' inserts and the
 * changed rows' updates (their version moved on, as Hibernate would).
 */
final class TicketRows {

    /** What a batch may change in a row after it was first written ({@link #changeable}), first in both statements. */
    private static final String CHANGEABLE = "skill, category, product, priority, emergency, emergency_level, level, declined_by, status, "
            + "group_id, agent_id, queued_at, wait_until, assigned_at";
    private static final String SELECT = "select id, customer_id, tier, language, skill, category, product, priority, emergency, "
            + "emergency_level, level, account_manager_id, region, customer_time_zone, opened_at, "
            + "array(select jsonb_array_elements_text(declined_by)), status, group_id, agent_id, queued_at, wait_until, routed_at, "
            + "assigned_at, version from routed_ticket where id = any(?) order by id for update";
    private static final String INSERT = "insert into routed_ticket (" + CHANGEABLE + ", id, customer_id, tier, language, account_manager_id, "
            + "region, customer_time_zone, opened_at, routed_at, version) values (?, ?, ?, ?, ?, ?, ?, to_jsonb(cast(? as varchar[])), "
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "update routed_ticket set (" + CHANGEABLE + ", version) = (?, ?, ?, ?, ?, ?, ?, "
            + "to_jsonb(cast(? as varchar[])), ?, ?, ?, ?, ?, ?, version + 1) where id = ?";

    /** A row as read, with what a batch may change in it as it was, to write only rows that changed. */
    record Read(RoutedTicket row, List<Object> before) {
        boolean changed() {
            return !before.equals(changeable(row));
        }
    }

    private TicketRows() {
    }

    /** The rows of these tickets, locked, in id order (two transactions lock them in the same order). */
    static List<Read> lock(Connection connection, Collection<String> ids) throws SQLException {
        List<Read> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setArray(1, connection.createArrayOf("varchar", ids.toArray(String[]::new)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    RoutedTicket t = new RoutedTicket();
                    t.id = rs.getString(1);
                    t.customerId = rs.getString(2);
                    t.tier = rs.getString(3);
                    t.language = rs.getString(4);
                    t.skill = rs.getString(5);
                    t.category = rs.getString(6);
                    t.product = rs.getString(7);
                    t.priority = rs.getString(8);
                    t.emergency = rs.getBoolean(9);
                    t.emergencyLevel = rs.getString(10);
                    t.level = rs.getString(11);
                    t.accountManagerId = rs.getString(12);
                    t.region = rs.getString(13);
                    t.customerTimeZone = rs.getString(14);
                    t.openedAt = instant(rs, 15);
                    Array declined = rs.getArray(16);
                    t.declinedBy = declined == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList((String[]) declined.getArray()));
                    t.status = RoutedTicket.Status.valueOf(rs.getString(17));
                    t.groupId = rs.getString(18);
                    t.agentId = rs.getString(19);
                    t.queuedAt = instant(rs, 20);
                    t.waitUntil = instant(rs, 21);
                    t.routedAt = instant(rs, 22);
                    t.assignedAt = instant(rs, 23);
                    t.version = rs.getLong(24);
                    found.add(new Read(t, changeable(t)));
                }
            }
        }
        return found;
    }

    static void insert(Connection connection, Collection<RoutedTicket> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (RoutedTicket t : rows) {
                setChangeable(connection, insert, t);
                insert.setString(15, t.id);
                insert.setString(16, t.customerId);
                insert.setString(17, t.tier);
                insert.setString(18, t.language);
                insert.setString(19, t.accountManagerId);
                insert.setString(20, t.region);
                insert.setString(21, t.customerTimeZone);
                insert.setObject(22, offset(t.openedAt));
                insert.setObject(23, offset(t.routedAt));
                insert.setLong(24, t.version);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Writes the rows a batch changed; their version moves on. */
    static void update(Connection connection, Collection<Read> reads) throws SQLException {
        List<RoutedTicket> changed = reads.stream().filter(Read::changed).map(Read::row).toList();
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (RoutedTicket t : changed) {
                setChangeable(connection, update, t);
                update.setString(15, t.id);
                update.addBatch();
                t.version++;
            }
            update.executeBatch();
        }
    }

    /** Parameters 1-14 of both statements: the {@link #CHANGEABLE} columns. */
    private static void setChangeable(Connection connection, PreparedStatement statement, RoutedTicket t) throws SQLException {
        statement.setString(1, t.skill);
        statement.setString(2, t.category);
        statement.setString(3, t.product);
        statement.setString(4, t.priority);
        statement.setBoolean(5, t.emergency);
        statement.setString(6, t.emergencyLevel);
        statement.setString(7, t.level);
        statement.setArray(8, connection.createArrayOf("varchar", t.declinedBy.toArray(String[]::new)));
        statement.setString(9, t.status.name());
        statement.setString(10, t.groupId);
        statement.setString(11, t.agentId);
        statement.setObject(12, offset(t.queuedAt));
        statement.setObject(13, offset(t.waitUntil));
        statement.setObject(14, offset(t.assignedAt));
    }

    /** What routing may change in a ticket's row after it was first written (the columns {@link #CHANGEABLE}, in that order). */
    private static List<Object> changeable(RoutedTicket t) {
        return Arrays.asList(t.skill, t.category, t.product, t.priority, t.emergency, t.emergencyLevel, t.level, List.copyOf(t.declinedBy),
                t.status, t.groupId, t.agentId, t.queuedAt, t.waitUntil, t.assignedAt);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime offset(Instant value) {
        return value == null ? null : value.atOffset(ZoneOffset.UTC);
    }
}
