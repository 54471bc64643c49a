package io.switchboard.routing.events;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.contracts.routing.RerouteReason;
import io.switchboard.contracts.routing.UnassignReason;
import io.switchboard.contracts.tickets.TicketClosed;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.contracts.tickets.TicketReclassified;
import io.switchboard.contracts.tickets.TicketReopened;
import io.switchboard.contracts.tickets.TicketResolved;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.routing.domain.RoutingTicket;
import io.switchboard.routing.ticket.TicketRouting;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code support.tickets.v1}: tickets to route, route again, or take off their agent. */
@ApplicationScoped
public class TicketEvents implements EventHandler {

    private final EventConsumers consumers;
    private final TicketRouting routing;
    /** The tickets of the poll this thread is settling (the records' keys), read and locked together. */
    private final ThreadLocal<Set<String>> batchTickets = new ThreadLocal<>();

    TicketEvents(EventConsumers consumers, TicketRouting routing) {
        this.consumers = consumers;
        this.routing = routing;
    }

    @Override
    public Topic topic() {
        return Topic.TICKETS;
    }

    @Override
    public String name() {
        return "tickets";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.TICKETS)
                .on(TicketOpened.class, this::opened)
                .on(TicketReclassified.class, this::reclassified)
                .on(TicketReopened.class, (e, m) -> routing.reopen(e.getTicketId(), e.getReason().name(), e.getReopenedBy()))
                .on(TicketResolved.class, (e, m) -> routing.finish(e.getTicketId(), UnassignReason.RESOLVED, e.getResolvedBy()))
                .on(TicketClosed.class, (e, m) -> routing.finish(e.getTicketId(), UnassignReason.CLOSED, e.getClosedBy()));
    }

    /** A poll's records at once (the channel has {@code batch=true}): one transaction for all of them. */
    @Incoming("tickets")
    @Blocking
    void consume(ConsumerRecords<byte[], byte[]> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(r -> {
            if (r.key() != null) {
                ids.add(new String(r.key(), StandardCharsets.UTF_8)); // the ticket id
            }
        });
        batchTickets.set(ids);
        try {
            consumers.consumeAll(this, records);
        } finally {
            batchTickets.remove();
        }
    }

    @Override
    public void applyAll(List<Runnable> callbacks) {
        Set<String> ids = batchTickets.get();
        routing.applyAll(ids == null ? Set.of() : ids, callbacks);
    }

    private void opened(TicketOpened e, EventMetadata metadata) {
        if (e.getLanguage() == null || e.getLanguage().isBlank() || e.getCategory() == null || e.getCategory().isBlank()) {
            throw new IllegalArgumentException("TicketOpened " + e.getTicketId() + " has no language or category to route by");
        }
        SupportLevel level = e.getSupportLevel() == null || e.getSupportLevel() == SupportLevel.UNKNOWN ? SupportLevel.L1 : e.getSupportLevel();
        routing.open(new RoutingTicket(e.getTicketId(), e.getCustomerId(), e.getCustomerTier(), e.getLanguage(), e.getSkill(),
                e.getCategory(), e.getProduct(), e.getPriority(), e.getEmergency(), e.getEmergencyLevel(), level,
                e.getAccountManagerId(), e.getRegion(), e.getCustomerTimeZone(), e.getOpenedAt(), Set.of()));
    }

    private void reclassified(TicketReclassified e, EventMetadata metadata) {
        routing.reroute(e.getTicketId(), row -> {
            row.category = e.getCategory();
            row.product = e.getProduct() == null ? row.product : e.getProduct();
            row.skill = e.getSkill();
            row.priority = e.getPriority().name();
            row.emergency = e.getEmergency();
            row.emergencyLevel = e.getEmergencyLevel() == null ? null : e.getEmergencyLevel().name();
            if (e.getSupportLevel() != null && e.getSupportLevel() != SupportLevel.UNKNOWN
                    && e.getSupportLevel().ordinal() > SupportLevel.valueOf(row.level).ordinal()) {
                row.level = e.getSupportLevel().name();
            }
        }, null, RerouteReason.MISROUTED, e.getReason(), e.getReclassifiedBy());
    }
}
