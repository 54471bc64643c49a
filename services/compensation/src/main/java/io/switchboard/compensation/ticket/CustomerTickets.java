package io.switchboard.compensation.ticket;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code support.tickets.v1}: customers' tickets, kept as the evidence a statement links to the outages that
 * were running when they were opened. Only openings matter here; other ticket events are skipped by their
 * {@code ce_type} header, before decoding and outside any transaction.
 *
 * <p>The channel reads a poll at a time ({@code batch=true}): the openings of a poll are written by one
 * statement, in the transaction that records their event ids.
 */
@ApplicationScoped
public class CustomerTickets implements EventHandler {

    private final EventConsumers consumers;
    private final EntityManager em;
    /** The openings of the events this thread is applying, written together once their callbacks have run. */
    private final ThreadLocal<List<OpenedTicket>> openings = new ThreadLocal<>();

    CustomerTickets(EventConsumers consumers, EntityManager em) {
        this.consumers = consumers;
        this.em = em;
    }

    @Override
    public Topic topic() {
        return Topic.TICKETS;
    }

    @Override
    public String name() {
        return "customer-tickets";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.TICKETS).on(TicketOpened.class, this::opened);
    }

    /** A poll's records at once (the channel has {@code batch=true}). */
    @Incoming("customer-tickets")
    @Blocking
    void consume(ConsumerRecords<byte[], byte[]> records) {
        consumers.consumeAll(this, records);
    }

    @Override
    public void applyAll(List<Runnable> callbacks) {
        List<OpenedTicket> rows = new ArrayList<>(callbacks.size());
        openings.set(rows);
        try {
            callbacks.forEach(Runnable::run);
        } finally {
            openings.remove();
        }
        write(rows);
    }

    private void opened(TicketOpened t, EventMetadata meta) {
        OpenedTicket.of(t).ifPresent(openings.get()::add);
    }

    /** One JDBC batch (a multi-row insert with the datasource's reWriteBatchedInserts); the first opening of a ticket stays. */
    private void write(List<OpenedTicket> rows) {
        if (rows.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into customer_ticket (ticket_id, customer_id, "
                    + "product, region, summary, opened_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing")) {
                for (OpenedTicket row : rows) {
                    insert.setString(1, row.ticketId());
                    insert.setString(2, row.customerId());
                    insert.setString(3, row.product());
                    insert.setString(4, row.region());
                    insert.setString(5, row.summary());
                    insert.setTimestamp(6, Timestamp.from(row.openedAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }
}
