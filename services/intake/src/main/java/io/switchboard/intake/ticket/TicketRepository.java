package io.switchboard.intake.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.intake.domain.TicketLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ticket storage: entity reads with row locks for the lifecycle, and the set-based statements of the open path
 * (intake's hot path, raw SQL for its benchmark; see docs/services/intake.md, Dedup).
 */
@ApplicationScoped
public class TicketRepository {

    /** Open statuses, as the partial unique dedup index lists them. */
    private static final String OPEN_STATUS_SQL = "('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'REOPENED')";

    /**
     * Opens one ticket per row; a row whose dedup key already has an open ticket is skipped (and then
     * added to that ticket by {@link #ADD_OCCURRENCES}). The arrays are one element per row, in lock order.
     */
    private static final String INSERT_NEW = """
            insert into ticket as t (id, customer_id, customer_tier, channel, category, ticket_class, scenario, product,
                region, language, impact, urgency, priority, emergency_level, summary, description, status, dedup_source,
                dedup_key, occurrence_count, last_seen_at, source_reference, previous_ticket_id, account_manager_id, reasons,
                history, emergency, support_level, skill, problem_started_at, customer_time_zone, opened_at, version)
            select w.id, w.customer_id, w.customer_tier, w.channel, w.category, w.ticket_class, w.scenario, w.product,
                w.region, w.language, w.impact, w.urgency, w.priority, w.emergency_level, w.summary, w.description, 'OPEN',
                w.dedup_source, w.dedup_key, w.occurrences, ?, w.source_reference,
                (select p.id from ticket p where w.dedup_key is not null and p.dedup_key = w.dedup_key
                    and p.dedup_source = w.dedup_source order by p.opened_at desc limit 1),
                w.account_manager_id, w.reasons::jsonb, w.history::jsonb, w.emergency::boolean, w.support_level, w.skill,
                w.problem_started_at::timestamptz, w.customer_time_zone, ?, 0
            from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::int[]) with ordinality
                as w(id, customer_id, customer_tier, channel, category, ticket_class, scenario, product, region, language,
                     impact, urgency, priority, emergency_level, summary, description, dedup_source, dedup_key,
                     source_reference, account_manager_id, reasons, history, emergency, support_level, skill,
                     problem_started_at, customer_time_zone, occurrences, ord)
            order by w.ord
            on conflict (dedup_source, dedup_key) where dedup_key is not null and status in %s do nothing
            returning t.id, t.previous_ticket_id
            """.formatted(OPEN_STATUS_SQL);

    /** Adds occurrences (count, last seen, history) to the open tickets of the given dedup keys. */
    private static final String ADD_OCCURRENCES = """
            update ticket t set occurrence_count = t.occurrence_count + u.occurrences, last_seen_at = ?,
                history = t.history || u.history::jsonb, version = t.version + 1
            from unnest(?::varchar[], ?::varchar[], ?::int[], ?::varchar[]) as u(dedup_source, dedup_key, occurrences, history)
            where t.dedup_source = u.dedup_source and t.dedup_key = u.dedup_key and t.status in %s
            returning %s
            """.formatted(OPEN_STATUS_SQL, TicketRows.COLUMNS);

    private static final String CUSTOMERS =
            "select id, tier, language, region, account_manager_id, time_zone from customer where id = any(?)";

    private final EntityManager entityManager;
    private final ObjectMapper json;

    TicketRepository(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /** A ticket the open path inserts: the ticket as drafted, its history and how many pieces of work it holds. */
    record NewTicket(Ticket ticket, List<Ticket.HistoryEntry> history, int occurrences) {
    }

    /** Occurrences for the open ticket of a dedup key, with one history entry each. */
    record Occurrences(String dedupSource, String dedupKey, List<Ticket.HistoryEntry> history) {
    }

    /** A customer as the directory knows it, for what a ticket takes from it. */
    record KnownCustomer(String id, CustomerTier tier, String language, String region, String accountManagerId,
                         String timeZone) {
    }

    /** The ticket, locked for update until the transaction ends. */
    Ticket lockedTicket(String ticketId) {
        Ticket ticket = entityManager.find(Ticket.class, ticketId, LockModeType.PESSIMISTIC_WRITE);
        if (ticket == null) {
            throw new TicketNotFoundException(ticketId);
        }
        return ticket;
    }

    /** The open ticket with this dedup key, if any (for resolve signals from monitoring). */
    public Optional<Ticket> openByDedupKey(String source, String key) {
        return Ticket.find("dedupSource = ?1 and dedupKey = ?2 and status in ?3", source, key, TicketLifecycle.OPEN_STATUSES)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** One page of a ticket list, and how many tickets match in all. */
    public record Found(List<Ticket> tickets, long total) {
    }

    /** The tickets that match every filter given (null: any), newest first. */
    Found page(TicketStatus status, Priority priority, String customerId, String category, Channel channel,
               int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        filter(where, params, "status", status);
        filter(where, params, "priority", priority);
        filter(where, params, "customerId", customerId);
        filter(where, params, "category", category);
        filter(where, params, "channel", channel);
        String query = String.join(" and ", where);
        var found = Ticket.<Ticket>find(query, Sort.descending("openedAt").and("id"), params).page(Page.of(page, size));
        List<Ticket> tickets = found.list();
        return new Found(tickets, found.count());
    }

    private static void filter(List<String> where, Map<String, Object> params, String field, Object value) {
        if (value != null) {
            where.add(field + " = :" + field);
            params.put(field, value);
        }
    }

    /** Writes this transaction's entity changes now, so that statements and constraints see them. */
    void flush() {
        entityManager.flush();
    }

    Map<String, KnownCustomer> customers(String[] ids) {
        if (ids.length == 0) {
            return Map.of();
        }
        return jdbc(connection -> {
            Map<String, KnownCustomer> found = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(CUSTOMERS)) {
                select.setArray(1, connection.createArrayOf("varchar", ids));
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        found.put(row.getString(1), new KnownCustomer(row.getString(1), CustomerTier.valueOf(row.getString(2)),
                                row.getString(3), row.getString(4), row.getString(5), row.getString(6)));
                    }
                }
            }
            return found;
        });
    }

    /**
     * Inserts the tickets, skipping those whose dedup key has an open ticket already.
     *
     * @return the ids of the tickets inserted, each with its previous ticket's id (or null)
     */
    Map<String, String> insertNew(List<NewTicket> rows, Instant now) {
        int n = rows.size();
        String[][] columns = new String[27][n];
        Integer[] occurrences = new Integer[n];
        for (int i = 0; i < n; i++) {
            Ticket t = rows.get(i).ticket();
            String[] values = {t.id, t.customerId, name(t.customerTier), name(t.channel), t.category, name(t.ticketClass),
                    name(t.scenario), t.product, t.region, t.language, name(t.impact), name(t.urgency), name(t.priority),
                    name(t.emergencyLevel), t.summary, t.description, t.dedupSource, t.dedupKey, t.sourceReference,
                    t.accountManagerId, write(t.reasons), write(rows.get(i).history()), Boolean.toString(t.emergency),
                    name(t.supportLevel), t.skill, t.problemStartedAt == null ? null : t.problemStartedAt.toString(),
                    t.customerTimeZone};
            for (int col = 0; col < values.length; col++) {
                columns[col][i] = values[col];
            }
            occurrences[i] = rows.get(i).occurrences();
        }
        return jdbc(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_NEW)) {
                insert.setTimestamp(1, Timestamp.from(now));
                insert.setTimestamp(2, Timestamp.from(now));
                for (int col = 0; col < columns.length; col++) {
                    insert.setArray(3 + col, connection.createArrayOf("varchar", columns[col]));
                }
                insert.setArray(3 + columns.length, connection.createArrayOf("int4", occurrences));
                Map<String, String> previousById = new HashMap<>();
                try (ResultSet row = insert.executeQuery()) {
                    while (row.next()) {
                        previousById.put(row.getString(1), row.getString(2));
                    }
                }
                return previousById;
            }
        });
    }

    /**
     * Adds the occurrences to the open tickets of their dedup keys.
     *
     * @return the updated tickets by dedup source and key, joined by {@code '\u0000'}; a key with no open ticket is absent
     */
    Map<String, Ticket> addOccurrences(List<Occurrences> rows, Instant now) {
        int n = rows.size();
        String[] sources = new String[n];
        String[] keys = new String[n];
        Integer[] occurrences = new Integer[n];
        String[] histories = new String[n];
        for (int i = 0; i < n; i++) {
            Occurrences o = rows.get(i);
            sources[i] = o.dedupSource();
            keys[i] = o.dedupKey();
            occurrences[i] = o.history().size();
            histories[i] = write(o.history());
        }
        return jdbc(connection -> {
            try (PreparedStatement update = connection.prepareStatement(ADD_OCCURRENCES)) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setArray(2, connection.createArrayOf("varchar", sources));
                update.setArray(3, connection.createArrayOf("varchar", keys));
                update.setArray(4, connection.createArrayOf("int4", occurrences));
                update.setArray(5, connection.createArrayOf("varchar", histories));
                Map<String, Ticket> byDedupKey = new HashMap<>();
                for (Ticket ticket : readTickets(update).values()) {
                    byDedupKey.put(ticket.dedupSource + '\u0000' + ticket.dedupKey, ticket);
                }
                return byDedupKey;
            }
        });
    }

    /** Tickets by id as they are now, read without loading entities. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Ticket> snapshots(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String[] distinct = ids.stream().distinct().toArray(String[]::new);
        return jdbc(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select " + TicketRows.COLUMNS + " from ticket t where t.id = any(?)")) {
                select.setArray(1, connection.createArrayOf("varchar", distinct));
                return readTickets(select);
            }
        });
    }

    private Map<String, Ticket> readTickets(PreparedStatement statement) throws SQLException {
        Map<String, Ticket> tickets = new HashMap<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                Ticket ticket = TicketRows.read(row, json);
                tickets.put(ticket.id, ticket);
            }
        }
        return tickets;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private <T> T jdbc(ReturningWork<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
