package io.switchboard.intake.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.Urgency;
import io.switchboard.intake.domain.IllegalTransitionException;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.contracts.tickets.NoteAuthorRole;
import io.switchboard.contracts.tickets.NoteVisibility;
import io.switchboard.contracts.tickets.ReopenReason;
import io.switchboard.contracts.tickets.ResolutionCode;
import io.switchboard.eventing.Outbox;
import io.switchboard.intake.customer.Customer;
import io.switchboard.intake.domain.Classification;
import io.switchboard.intake.domain.Classifier;
import io.switchboard.intake.domain.IntakeFacts;
import io.switchboard.intake.domain.TicketAction;
import io.switchboard.intake.domain.TicketLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The intake's application service: opens tickets from any channel (classified, deduplicated) and
 * moves them through their lifecycle. Every change and the events it causes are one transaction.
 */
@ApplicationScoped
public class TicketDesk {

    /** Open statuses, as the partial unique dedup index lists them. */
    private static final String OPEN_STATUS_SQL = "('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'REOPENED')";

    private static final String UPSERT = """
            insert into ticket (id, customer_id, customer_tier, channel, category, ticket_class, scenario, product, region,
                language, impact, urgency, priority, emergency_level, summary, description, status, dedup_source, dedup_key,
                occurrence_count, last_seen_at, source_reference, previous_ticket_id, account_manager_id, reasons, history,
                opened_at, version)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 'OPEN', ?17, ?18, 1, ?19, ?20,
                ?24, ?21, cast(?22 as jsonb), cast(?23 as jsonb), ?19, 0)
            on conflict (dedup_source, dedup_key) where dedup_key is not null and status in %s
            do update set occurrence_count = ticket.occurrence_count + 1, last_seen_at = excluded.last_seen_at
            returning id, (xmax = 0) as inserted
            """.formatted(OPEN_STATUS_SQL);

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final Classifier classifier;
    private final ObjectMapper json;
    private final Clock clock;
    private final RetentionPolicy retention;

    TicketDesk(EntityManager entityManager, Outbox outbox, Classifier classifier, ObjectMapper json, Clock clock,
               RetentionPolicy retention) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.classifier = classifier;
        this.json = json;
        this.clock = clock;
        this.retention = retention;
    }

    /** New work from a channel, after the channel's own validation and mapping. */
    public record NewWork(Channel channel, String customerId, IntakeFacts facts, String summary, String description,
                          String product, String region, String language, String dedupSource, String dedupKey,
                          String sourceReference, String actor) {
    }

    /** The ticket the work landed on, and whether it opened it or added an occurrence to it. */
    public record Intake(Ticket ticket, boolean opened) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Intake open(NewWork work) {
        Instant now = now();
        Optional<Customer> customer = work.customerId() == null ? Optional.empty() : Customer.findByIdOptional(work.customerId());
        IntakeFacts facts = work.facts();
        if (facts.tier() == null && customer.isPresent()) {
            facts = facts.withTier(customer.get().tier, customer.get().tier + " from the customer directory (" + customer.get().id + ")");
        }
        Classification classification = classifier.classify(facts);
        String language = work.language() != null ? work.language()
                : customer.map(c -> c.language).orElse("en");
        String id = "TCK-" + UUID.randomUUID();
        String history = write(List.of(new Ticket.HistoryEntry(now, "opened", work.actor(),
                "opened through " + work.channel() + ", priority " + classification.priority())));

        Object[] row = (Object[]) entityManager.createNativeQuery(UPSERT)
                .setParameter(1, id)
                .setParameter(2, work.customerId() == null ? "unknown" : work.customerId())
                .setParameter(3, classification.tier().name())
                .setParameter(4, work.channel().name())
                .setParameter(5, classification.category())
                .setParameter(6, classification.ticketClass().name())
                .setParameter(7, classification.scenario() == null ? null : classification.scenario().name())
                .setParameter(8, work.product())
                .setParameter(9, work.region() != null ? work.region() : customer.map(c -> c.region).orElse(null))
                .setParameter(10, language)
                .setParameter(11, classification.impact().name())
                .setParameter(12, classification.urgency().name())
                .setParameter(13, classification.priority().name())
                .setParameter(14, classification.emergencyLevel() == null ? null : classification.emergencyLevel().name())
                .setParameter(15, work.summary())
                .setParameter(16, work.description())
                .setParameter(17, work.dedupSource())
                .setParameter(18, work.dedupKey())
                .setParameter(19, now)
                .setParameter(20, work.sourceReference())
                .setParameter(21, customer.map(c -> c.accountManagerId).orElse(null))
                .setParameter(22, write(classification.reasons()))
                .setParameter(23, history)
                .setParameter(24, work.dedupKey() == null ? null : previousTicket(work.dedupSource(), work.dedupKey()))
                .getSingleResult();
        String ticketId = (String) row[0];
        boolean opened = (Boolean) row[1];
        Ticket ticket = entityManager.find(Ticket.class, ticketId, LockModeType.PESSIMISTIC_WRITE);
        if (opened) {
            outbox.publish(Topic.TICKETS, ticket.id, ticket.id, TicketEvents.opened(ticket));
        } else {
            entityManager.refresh(ticket); // the upsert changed the count behind the persistence context
            ticket.record(now, "occurrence", work.actor(), "reported again (" + ticket.occurrenceCount + " reports): " + work.summary());
            outbox.publish(Topic.TICKETS, ticket.id, ticket.id, TicketEvents.occurrence(ticket, work.dedupSource(), work.summary()));
        }
        return new Intake(ticket, opened);
    }

    /** The latest ticket that had this dedup key: a new trigger after its resolution links to it. */
    private String previousTicket(String source, String key) {
        List<?> ids = entityManager.createNativeQuery("select id from ticket where dedup_key = ?1 and dedup_source = ?2 "
                        + "order by opened_at desc limit 1")
                .setParameter(1, key).setParameter(2, source).getResultList();
        return ids.isEmpty() ? null : (String) ids.get(0);
    }

    /** The open ticket with this dedup key, if any (for resolve signals from monitoring). */
    public Optional<Ticket> openByDedupKey(String source, String key) {
        return Ticket.find("dedupSource = ?1 and dedupKey = ?2 and status in ?3", source, key, TicketLifecycle.OPEN_STATUSES)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /**
     * Corrects a ticket's classification (an IVR misroute, a triage): runs the classifier again with
     * the new category, impact or urgency and keeps the ticket's tier. Only open tickets.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket reclassify(String ticketId, String category, Impact impact, Urgency urgency, String reason, String actor) {
        Ticket ticket = lockedTicket(ticketId);
        if (!TicketLifecycle.isOpen(ticket.status)) {
            throw new IllegalTransitionException(ticket.status, "reclassify", TicketLifecycle.allowedActions(ticket.status));
        }
        IntakeFacts facts = IntakeFacts.of(ticket.channel)
                .withTier(ticket.customerTier, ticket.reasons.get(Classification.TIER))
                .withCategory(category != null ? category : ticket.category, "reclassification by " + actor)
                .withImpact(impact != null ? impact : ticket.impact)
                .withUrgency(urgency != null ? urgency : ticket.urgency)
                .withEmergency(ticket.emergencyLevel != null);
        Classification next = classifier.classify(facts);
        String previousCategory = ticket.category;
        Priority previousPriority = ticket.priority;
        ticket.category = next.category();
        ticket.ticketClass = next.ticketClass();
        ticket.scenario = next.scenario();
        ticket.impact = next.impact();
        ticket.urgency = next.urgency();
        ticket.priority = next.priority();
        ticket.emergencyLevel = next.emergencyLevel();
        ticket.reasons = new java.util.LinkedHashMap<>(next.reasons());
        Instant now = now();
        ticket.record(now, "reclassified", actor, previousCategory + "/" + previousPriority + " -> "
                + ticket.category + "/" + ticket.priority + ": " + reason);
        outbox.publish(Topic.TICKETS, ticket.id, ticket.id,
                TicketEvents.reclassified(ticket, previousCategory, previousPriority, reason, actor, now));
        return ticket;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket acknowledge(String ticketId, String agent) {
        Ticket ticket = lockedTicket(ticketId);
        Instant now = now();
        TicketStatus from = ticket.status;
        ticket.status = TicketLifecycle.apply(from, TicketAction.ACKNOWLEDGE);
        if (ticket.acknowledgedAt == null) {
            ticket.acknowledgedAt = now;
        }
        ticket.record(now, "acknowledged", agent, "first response by " + agent);
        outbox.publish(Topic.TICKETS, ticket.id, ticket.id, TicketEvents.acknowledged(ticket, agent));
        return ticket;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket changeStatus(String ticketId, TicketStatus to, String actor, String reason) {
        Ticket ticket = lockedTicket(ticketId);
        TicketAction action = TicketLifecycle.changeStatus(ticket.status, to);
        if (action == TicketAction.ACKNOWLEDGE) {
            return acknowledge(ticketId, actor);
        }
        Instant now = now();
        TicketStatus from = ticket.status;
        ticket.status = TicketLifecycle.apply(from, action);
        ticket.record(now, "status", actor, from + " -> " + ticket.status + (reason == null ? "" : ": " + reason));
        outbox.publish(Topic.TICKETS, ticket.id, ticket.id, TicketEvents.statusChanged(ticket, from, actor, reason, now));
        return ticket;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket addNote(String ticketId, String author, NoteAuthorRole role, NoteVisibility visibility,
                          boolean progressUpdate, String text) {
        Ticket ticket = lockedTicket(ticketId);
        if (ticket.status == TicketStatus.CLOSED) {
            throw new IllegalTransitionException(ticket.status, "add a note", TicketLifecycle.allowedActions(ticket.status));
        }
        Instant now = now();
        String noteId = "NOTE-" + UUID.randomUUID();
        ticket.record(now, role == NoteAuthorRole.CUSTOMER ? "customer-update" : "note", author, text);
        outbox.publish(Topic.TICKETS, ticket.id, ticket.id,
                TicketEvents.noteAdded(ticket, noteId, author, role, visibility, progressUpdate, text, now));
        return ticket;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket resolve(String ticketId, ResolutionCode code, boolean firstContact, String summary, String agent) {
        Ticket ticket = lockedTicket(ticketId);
        Instant now = now();
        ticket.status = TicketLifecycle.apply(ticket.status, TicketAction.RESOLVE);
        ticket.resolvedAt = now;
        ticket.resolutionCode = code.name();
        ticket.firstContactResolution = firstContact;
        ticket.record(now, "resolved", agent, code + (summary == null ? "" : ": " + summary));
        Long handling = ticket.acknowledgedAt == null ? null : Duration.between(ticket.acknowledgedAt, now).toSeconds();
        outbox.publish(Topic.TICKETS, ticket.id, ticket.id, TicketEvents.resolved(ticket, summary, agent, handling));
        return ticket;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket reopen(String ticketId, ReopenReason reason, String note, String actor) {
        Ticket ticket = lockedTicket(ticketId);
        Instant now = now();
        ticket.status = TicketLifecycle.apply(ticket.status, TicketAction.REOPEN);
        ticket.resolvedAt = null;
        ticket.resolutionCode = null;
        ticket.firstContactResolution = null;
        ticket.record(now, "reopened", actor, reason + (note == null ? "" : ": " + note));
        outbox.publish(Topic.TICKETS, ticket.id, ticket.id, TicketEvents.reopened(ticket, reason, note, actor, now));
        return ticket;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket close(String ticketId, String actor, boolean majorIncident) {
        Ticket ticket = lockedTicket(ticketId);
        Instant now = now();
        ticket.status = TicketLifecycle.apply(ticket.status, TicketAction.CLOSE);
        ticket.closedAt = now;
        ticket.record(now, "closed", actor, majorIncident ? "closed (major incident)" : "closed");
        outbox.publish(Topic.TICKETS, ticket.id, ticket.id,
                TicketEvents.closed(ticket, actor, majorIncident, TicketEvents.utcDate(retention.retainUntil(now, majorIncident))));
        return ticket;
    }

    private Ticket lockedTicket(String ticketId) {
        Ticket ticket = entityManager.find(Ticket.class, ticketId, LockModeType.PESSIMISTIC_WRITE);
        if (ticket == null) {
            throw new TicketNotFoundException(ticketId);
        }
        return ticket;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ticket id that does not exist. */
    public static class TicketNotFoundException extends RuntimeException {
        public TicketNotFoundException(String id) {
            super("ticket " + id + " does not exist");
        }
    }

}
