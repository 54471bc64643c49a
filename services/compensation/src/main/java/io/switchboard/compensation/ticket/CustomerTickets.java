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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.Timestamp;

/**
 * {@code support.tickets.v1}: customers' tickets, kept as the evidence a statement links to the outages that
 * were running when they were opened. Only openings matter here; other ticket events are skipped.
 */
@ApplicationScoped
public class CustomerTickets implements EventHandler {

    private final EventConsumers consumers;
    private final EntityManager em;

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

    @Incoming("customer-tickets")
    @Blocking
    void consume(ConsumerRecord<byte[], byte[]> record) {
        consumers.consume(this, record);
    }

    private void opened(TicketOpened t, EventMetadata meta) {
        if (t.getTicketId().length() > 64 || t.getCustomerId().length() > 64) {
            return; // not an id of ours to link: evidence only, nothing to refuse
        }
        String summary = t.getSummary() == null ? null : t.getSummary().substring(0, Math.min(500, t.getSummary().length()));
        em.createNativeQuery("insert into customer_ticket (ticket_id, customer_id, product, region, summary, opened_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing")
                .setParameter(1, t.getTicketId()).setParameter(2, t.getCustomerId()).setParameter(3, fit(t.getProduct()))
                .setParameter(4, fit(t.getRegion())).setParameter(5, summary).setParameter(6, Timestamp.from(t.getOpenedAt()))
                .executeUpdate();
    }

    private static String fit(String value) {
        return value == null || value.length() > 64 ? null : value;
    }
}
