package io.switchboard.intake.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.Urgency;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.tickets.AcknowledgerKind;
import io.switchboard.web.errors.ConflictException;
import io.switchboard.intake.domain.DedupKey;
import io.switchboard.intake.domain.IllegalTransitionException;
import io.switchboard.intake.domain.IntakeFields;
import io.switchboard.intake.domain.InvalidFieldException;
import io.switchboard.intake.domain.IvrLeaf;
import io.switchboard.intake.domain.IvrMenu;
import io.switchboard.intake.domain.SupportLevels;
import org.hibernate.exception.ConstraintViolationException;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.contracts.tickets.NoteAuthorRole;
import io.switchboard.contracts.tickets.NoteVisibility;
import io.switchboard.contracts.tickets.ReopenReason;
import io.switchboard.contracts.tickets.ResolutionCode;
import io.switchboard.eventing.postgres.Outbox;
import io.switchboard.intake.domain.Classification;
import io.switchboard.intake.domain.Classifier;
import io.switchboard.intake.domain.IntakeFacts;
import io.switchboard.intake.domain.TicketAction;
import io.switchboard.intake.domain.TicketLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The intake's application service: opens tickets from any channel (classified, deduplicated) and
 * moves them through their lifecycle. Every change and the events it causes are one transaction.
 */
@ApplicationScoped
public class TicketDesk {

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

    /** Insert, then add to open tickets; a ticket resolved between the two makes another round. */
    private static final int MAX_ROUNDS = 5;

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final Classifier classifier;
    private final ObjectMapper json;
    private final Clock clock;
    private final RetentionPolicy retention;
    private final IvrMenu menu;
    private final SupportLevels supportLevels;

    TicketDesk(EntityManager entityManager, Outbox outbox, Classifier classifier, ObjectMapper json, Clock clock,
               RetentionPolicy retention, IvrMenu menu, SupportLevels supportLevels) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.classifier = classifier;
        this.json = json;
        this.clock = clock;
        this.retention = retention;
        this.menu = menu;
        this.supportLevels = supportLevels;
    }

    /**
     * New work from a channel, after the channel's own validation and mapping. Every field is checked again here,
     * with the limits of {@link IntakeFields}, so that no channel can put more on a ticket than its columns hold.
     *
     * @param skill            the skill the channel asks for (the IVR option's), or null to take the category's
     * @param problemStartedAt when the problem started as the channel reported it, or null
     */
    public record NewWork(Channel channel, String customerId, IntakeFacts facts, String summary, String description,
                          String product, String region, String language, String dedupSource, String dedupKey,
                          String sourceReference, String actor, String skill, Instant problemStartedAt) {
        public NewWork {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(facts, "facts");
            customerId = IntakeFields.line("customerId", customerId, IntakeFields.ID);
            summary = IntakeFields.requiredLine("summary", summary, IntakeFields.SUMMARY);
            description = IntakeFields.text("description", description, IntakeFields.DESCRIPTION);
            product = IntakeFields.line("product", product, IntakeFields.PRODUCT);
            region = IntakeFields.line("region", region, IntakeFields.REGION);
            language = IntakeFields.language("language", language);
            dedupSource = IntakeFields.line("dedupSource", dedupSource, IntakeFields.DEDUP_SOURCE);
            dedupKey = dedupKey == null ? null : DedupKey.normalise("dedupKey", dedupKey);
            sourceReference = IntakeFields.line("sourceReference", sourceReference, IntakeFields.REFERENCE);
            actor = IntakeFields.line("actor", actor, IntakeFields.REFERENCE);
            skill = IntakeFields.line("skill", skill, IntakeFields.SKILL);
        }

        public NewWork(Channel channel, String customerId, IntakeFacts facts, String summary, String description,
                       String product, String region, String language, String dedupSource, String dedupKey,
                       String sourceReference, String actor) {
            this(channel, customerId, facts, summary, description, product, region, language, dedupSource, dedupKey,
                    sourceReference, actor, null, null);
        }
    }

    /** The ticket the work landed on, and whether it opened it or added an occurrence to it. */
    public record Intake(Ticket ticket, boolean opened) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Intake open(NewWork work) {
        return openAll(List.of(work)).get(0);
    }

    /**
     * Opens tickets for many pieces of work in the caller's transaction, with a few set-based
     * statements. Work with the same dedup key (per source) is one problem: the first piece opens its
     * ticket, unless one is open already, and every other piece adds an occurrence, in order. Results and
     * events follow the order of {@code works}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Intake> openAll(List<NewWork> works) {
        entityManager.flush(); // the statements below must see this transaction's entity changes
        Instant now = now();
        Map<String, KnownCustomer> customers = customers(works);
        // Sorted by dedup identity, so that concurrent writers lock existing tickets in one order.
        SortedMap<String, Draft> drafts = new TreeMap<>();
        List<Draft> draftOfWork = new ArrayList<>(works.size());
        for (NewWork work : works) {
            String identity = work.dedupKey() == null ? null : work.dedupSource() + '\u0000' + work.dedupKey();
            Draft draft = identity == null ? null : drafts.get(identity);
            if (draft == null) {
                draft = draft(work, work.customerId() == null ? null : customers.get(work.customerId()), now);
                drafts.put(identity != null ? identity : "\uffff" + draft.proposed.id, draft);
            }
            draft.works.add(work);
            draftOfWork.add(draft);
        }
        List<Draft> pending = new ArrayList<>(drafts.values());
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("dedup keys kept changing state during " + MAX_ROUNDS + " rounds");
            }
            pending = insertNew(pending, now);
            pending = addOccurrences(pending, now);
        }
        return results(works, draftOfWork);
    }

    /** What the work adds to the ticket table: the first piece of work classified, and every piece's history. */
    private static final class Draft {
        final List<NewWork> works = new ArrayList<>(1);
        /** The ticket the first piece of work would open. */
        Ticket proposed;
        /** The ticket the work landed on, once written. */
        Ticket ticket;
        boolean opened;
    }

    private record KnownCustomer(String id, CustomerTier tier, String language, String region, String accountManagerId,
                                 String timeZone) {
    }

    private Draft draft(NewWork work, KnownCustomer customer, Instant now) {
        IntakeFacts facts = work.facts();
        if (facts.tier() == null && customer != null) {
            facts = facts.withTier(customer.tier(), customer.tier() + " from the customer directory (" + customer.id() + ")");
        }
        Classification c = classifier.classify(facts);
        Ticket t = new Ticket();
        t.id = "TCK-" + UUID.randomUUID();
        t.customerId = work.customerId() == null ? "unknown" : work.customerId();
        t.customerTier = c.tier();
        t.channel = work.channel();
        t.category = c.category();
        t.ticketClass = c.ticketClass();
        t.scenario = c.scenario();
        Optional<IvrLeaf> option = menu.optionFor(c.category());
        t.product = work.product() != null ? work.product() : option.map(IvrLeaf::product).orElse(null);
        t.region = work.region() != null ? work.region() : customer != null ? customer.region() : null;
        t.language = work.language() != null ? work.language() : customer != null ? customer.language() : "en";
        t.impact = c.impact();
        t.urgency = c.urgency();
        t.priority = c.priority();
        t.emergencyLevel = c.emergencyLevel();
        t.emergency = c.emergency();
        t.supportLevel = supportLevels.initial(c.emergency(), c.emergencyLevel());
        t.skill = work.skill() != null ? work.skill() : option.map(IvrLeaf::skill).orElse(null);
        t.problemStartedAt = work.problemStartedAt();
        t.customerTimeZone = customer != null ? customer.timeZone() : null;
        t.summary = work.summary();
        t.description = work.description();
        t.status = TicketStatus.OPEN;
        t.dedupSource = work.dedupSource();
        t.dedupKey = work.dedupKey();
        t.lastSeenAt = now;
        t.sourceReference = work.sourceReference();
        t.accountManagerId = customer != null ? customer.accountManagerId() : null;
        t.reasons = c.reasons();
        t.history = null;
        t.openedAt = now;
        Draft draft = new Draft();
        draft.proposed = t;
        return draft;
    }

    private Map<String, KnownCustomer> customers(List<NewWork> works) {
        String[] ids = works.stream().map(NewWork::customerId).filter(Objects::nonNull).distinct().toArray(String[]::new);
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

    /** Inserts the drafts as new tickets; returns those whose dedup key has an open ticket already. */
    private List<Draft> insertNew(List<Draft> drafts, Instant now) {
        int n = drafts.size();
        String[][] columns = new String[27][n];
        Integer[] occurrences = new Integer[n];
        for (int i = 0; i < n; i++) {
            Draft d = drafts.get(i);
            Ticket t = d.proposed;
            List<Ticket.HistoryEntry> history = new ArrayList<>(d.works.size());
            history.add(new Ticket.HistoryEntry(now, "opened", d.works.get(0).actor(),
                    "opened through " + t.channel + ", priority " + t.priority));
            for (NewWork later : d.works.subList(1, d.works.size())) {
                history.add(occurrenceEntry(later, now));
            }
            String[] values = {t.id, t.customerId, name(t.customerTier), name(t.channel), t.category, name(t.ticketClass),
                    name(t.scenario), t.product, t.region, t.language, name(t.impact), name(t.urgency), name(t.priority),
                    name(t.emergencyLevel), t.summary, t.description, t.dedupSource, t.dedupKey, t.sourceReference,
                    t.accountManagerId, write(t.reasons), write(history), Boolean.toString(t.emergency),
                    name(t.supportLevel), t.skill, t.problemStartedAt == null ? null : t.problemStartedAt.toString(),
                    t.customerTimeZone};
            for (int col = 0; col < values.length; col++) {
                columns[col][i] = values[col];
            }
            occurrences[i] = d.works.size();
        }
        Map<String, String> inserted = jdbc(connection -> {
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
        List<Draft> conflicting = new ArrayList<>();
        for (Draft d : drafts) {
            if (inserted.containsKey(d.proposed.id)) {
                d.proposed.previousTicketId = inserted.get(d.proposed.id);
                d.proposed.occurrenceCount = d.works.size();
                d.ticket = d.proposed;
                d.opened = true;
            } else {
                conflicting.add(d);
            }
        }
        return conflicting;
    }

    /** Adds the drafts to the open tickets of their dedup keys; returns those that found none. */
    private List<Draft> addOccurrences(List<Draft> drafts, Instant now) {
        if (drafts.isEmpty()) {
            return drafts;
        }
        int n = drafts.size();
        String[] sources = new String[n];
        String[] keys = new String[n];
        Integer[] occurrences = new Integer[n];
        String[] histories = new String[n];
        for (int i = 0; i < n; i++) {
            Draft d = drafts.get(i);
            sources[i] = d.proposed.dedupSource;
            keys[i] = d.proposed.dedupKey;
            occurrences[i] = d.works.size();
            histories[i] = write(d.works.stream().map(w -> occurrenceEntry(w, now)).toList());
        }
        Map<String, Ticket> updated = jdbc(connection -> {
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
        List<Draft> notFound = new ArrayList<>();
        for (Draft d : drafts) {
            Ticket ticket = updated.get(d.proposed.dedupSource + '\u0000' + d.proposed.dedupKey);
            if (ticket == null) {
                notFound.add(d); // resolved since the insert: open a new one in the next round
            } else {
                d.ticket = ticket;
                d.opened = false;
            }
        }
        return notFound;
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

    /** One result and one event per piece of work, in order; occurrences count up to the committed total. */
    private List<Intake> results(List<NewWork> works, List<Draft> draftOfWork) {
        List<Intake> results = new ArrayList<>(works.size());
        List<Outbox.Message> events = new ArrayList<>(works.size());
        Map<Draft, Integer> seen = new HashMap<>();
        for (int i = 0; i < works.size(); i++) {
            NewWork work = works.get(i);
            Draft d = draftOfWork.get(i);
            int position = seen.merge(d, 1, Integer::sum) - 1;
            Ticket t = d.ticket;
            if (d.opened && position == 0) {
                results.add(new Intake(t, true));
                events.add(new Outbox.Message(t.id, TicketEvents.opened(t)));
            } else {
                int count = t.occurrenceCount - (d.works.size() - 1 - position);
                results.add(new Intake(t, false));
                events.add(new Outbox.Message(t.id, TicketEvents.occurrence(t, count, work.dedupSource(), work.summary())));
            }
        }
        outbox.publishAll(Topic.TICKETS, events);
        return results;
    }

    private static Ticket.HistoryEntry occurrenceEntry(NewWork work, Instant now) {
        return new Ticket.HistoryEntry(now, "occurrence", work.actor(), "reported again: " + work.summary());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private <T> T jdbc(ReturningWork<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work);
    }

    /** The open ticket with this dedup key, if any (for resolve signals from monitoring). */
    public Optional<Ticket> openByDedupKey(String source, String key) {
        return Ticket.find("dedupSource = ?1 and dedupKey = ?2 and status in ?3", source, key, TicketLifecycle.OPEN_STATUSES)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /**
     * Corrects a ticket's classification (an IVR misroute, a triage): runs the classifier again with
     * the new category, impact or urgency and keeps the ticket's tier. An emergency stays one, with its
     * class, unless {@code emergency} is false or {@code emergencyLevel} gives another class (a category that
     * an emergency rule matches is an emergency whatever is said). Only open tickets.
     *
     * @param emergency      null: as it was; true or false: flagged or not by the person reclassifying
     * @param emergencyLevel the emergency class the person gives, or null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket reclassify(String ticketId, String category, Impact impact, Urgency urgency, Boolean emergency,
                             EmergencyLevel emergencyLevel, String reason, String actor) {
        if (Boolean.FALSE.equals(emergency) && emergencyLevel != null) {
            throw new InvalidFieldException("emergencyLevel", "an emergency class needs emergency true or left out");
        }
        Ticket ticket = lockedTicket(ticketId);
        if (!TicketLifecycle.isOpen(ticket.status)) {
            throw new IllegalTransitionException(ticket.status, "reclassify", TicketLifecycle.allowedActions(ticket.status));
        }
        IntakeFacts facts = IntakeFacts.of(ticket.channel)
                .withTier(ticket.customerTier, ticket.reasons.get(Classification.TIER))
                .withCategory(category != null ? category : ticket.category, "reclassification by " + actor)
                .withImpact(impact != null ? impact : ticket.impact)
                .withUrgency(urgency != null ? urgency : ticket.urgency)
                .withEmergency(emergency != null ? emergency : ticket.emergency);
        if (emergencyLevel != null) {
            facts = facts.withEmergencyLevel(emergencyLevel);
        } else if (emergency == null && ticket.emergencyLevel != null && classifier.classify(facts).emergencyLevel() == null) {
            facts = facts.withEmergencyLevel(ticket.emergencyLevel); // an emergency keeps its class where no rule gives one
        }
        Classification next = classifier.classify(facts);
        String previousCategory = ticket.category;
        Priority previousPriority = ticket.priority;
        boolean previousEmergency = ticket.emergency;
        EmergencyLevel previousEmergencyLevel = ticket.emergencyLevel;
        ticket.category = next.category();
        ticket.ticketClass = next.ticketClass();
        ticket.scenario = next.scenario();
        ticket.impact = next.impact();
        ticket.urgency = next.urgency();
        ticket.priority = next.priority();
        ticket.emergencyLevel = next.emergencyLevel();
        ticket.emergency = next.emergency();
        ticket.supportLevel = supportLevels.initial(next.emergency(), next.emergencyLevel());
        if (category != null) {
            Optional<IvrLeaf> option = menu.optionFor(next.category());
            ticket.skill = option.map(IvrLeaf::skill).orElse(null);
            if (ticket.product == null) {
                ticket.product = option.map(IvrLeaf::product).orElse(null);
            }
        }
        ticket.reasons = new java.util.LinkedHashMap<>(next.reasons());
        Instant now = now();
        ticket.record(now, "reclassified", actor, previousCategory + "/" + previousPriority + " -> "
                + ticket.category + "/" + ticket.priority + ": " + reason);
        outbox.publish(Topic.TICKETS, ticket.id,
                TicketEvents.reclassified(ticket, previousCategory, previousPriority, previousEmergency, previousEmergencyLevel,
                        reason, actor, now));
        return ticket;
    }

    /**
     * An agent's response. The first one on the ticket is its first response ({@code acknowledgedAt}, what the
     * first-response SLA measures). A ticket only a monitoring system has acknowledged still takes it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket acknowledge(String ticketId, String agent) {
        Ticket ticket = lockedTicket(ticketId);
        Instant now = now();
        TicketStatus from = ticket.status;
        boolean systemAcknowledgedOnly = from == TicketStatus.ACKNOWLEDGED && ticket.acknowledgedAt == null;
        if (!systemAcknowledgedOnly) {
            ticket.status = TicketLifecycle.apply(from, TicketAction.ACKNOWLEDGE);
        }
        boolean first = ticket.acknowledgedAt == null;
        if (first) {
            ticket.acknowledgedAt = now;
        }
        ticket.record(now, "acknowledged", agent, (first ? "first response by " : "acknowledged by ") + agent);
        outbox.publish(Topic.TICKETS, ticket.id,
                TicketEvents.acknowledged(ticket, from, agent, AcknowledgerKind.AGENT, first, now));
        return ticket;
    }

    /**
     * A monitoring system's acknowledge (PagerDuty's event_action acknowledge): the ticket moves to ACKNOWLEDGED,
     * but it is not a response by a person, so the first-response clock keeps running.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket acknowledgeBySystem(String ticketId, String source) {
        Ticket ticket = lockedTicket(ticketId);
        Instant now = now();
        TicketStatus from = ticket.status;
        ticket.status = TicketLifecycle.apply(from, TicketAction.ACKNOWLEDGE);
        ticket.monitoringAcknowledgedAt = now;
        ticket.record(now, "acknowledged", source, "acknowledged by monitoring system " + source + " (not a first response)");
        outbox.publish(Topic.TICKETS, ticket.id,
                TicketEvents.acknowledged(ticket, from, source, AcknowledgerKind.SYSTEM, false, now));
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
        outbox.publish(Topic.TICKETS, ticket.id, TicketEvents.statusChanged(ticket, from, actor, reason, now));
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
        outbox.publish(Topic.TICKETS, ticket.id,
                TicketEvents.noteAdded(ticket, noteId, author, role, visibility, progressUpdate, text, now));
        // The history keeps the text; the event carries an internal note's text only as withheld (see TicketEvents).
        return ticket;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket resolve(String ticketId, ResolutionCode code, boolean firstContact, String summary, String agent) {
        Ticket ticket = lockedTicket(ticketId);
        Instant now = now();
        TicketStatus from = ticket.status;
        ticket.status = TicketLifecycle.apply(from, TicketAction.RESOLVE);
        ticket.resolvedAt = now;
        ticket.resolutionCode = code.name();
        ticket.firstContactResolution = firstContact;
        ticket.record(now, "resolved", agent, code + (summary == null ? "" : ": " + summary));
        Long handling = ticket.acknowledgedAt == null ? null : Duration.between(ticket.acknowledgedAt, now).toSeconds();
        outbox.publish(Topic.TICKETS, ticket.id, TicketEvents.resolved(ticket, from, summary, agent, handling));
        return ticket;
    }

    /**
     * Reopens a resolved ticket. A ticket with a dedup key cannot be reopened while a newer ticket with the same key
     * is open (one open ticket per fault): that is a {@link ConflictException} naming the open ticket, which is where
     * the fault is being worked on now.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket reopen(String ticketId, ReopenReason reason, String note, String actor) {
        Ticket ticket = lockedTicket(ticketId);
        Instant now = now();
        TicketStatus from = ticket.status;
        TicketStatus to = TicketLifecycle.apply(from, TicketAction.REOPEN);
        if (ticket.dedupKey != null) {
            Optional<Ticket> open = openByDedupKey(ticket.dedupSource, ticket.dedupKey);
            if (open.isPresent()) {
                throw dedupKeyOpen(ticket, open.get().id);
            }
        }
        ticket.status = to;
        ticket.resolvedAt = null;
        ticket.resolutionCode = null;
        ticket.firstContactResolution = null;
        ticket.record(now, "reopened", actor, reason + (note == null ? "" : ": " + note));
        outbox.publish(Topic.TICKETS, ticket.id, TicketEvents.reopened(ticket, from, reason, note, actor, now));
        if (ticket.dedupKey != null) {
            try {
                entityManager.flush(); // a ticket with the key opened meanwhile: the partial unique index says so here
            } catch (PersistenceException e) {
                for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                    if (cause instanceof ConstraintViolationException violation
                            && "ticket_open_dedup".equals(violation.getConstraintName())) {
                        throw dedupKeyOpen(ticket, null);
                    }
                }
                throw e;
            }
        }
        return ticket;
    }

    private static ConflictException dedupKeyOpen(Ticket ticket, String openTicketId) {
        return new ConflictException("Dedup key in use", "ticket " + ticket.id + " cannot be reopened: its dedup key '"
                + ticket.dedupKey + "' (source " + ticket.dedupSource + ") is open as ticket "
                + (openTicketId != null ? openTicketId : "opened at the same time")
                + "; work on that ticket, or resolve it first", "dedupKey");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket close(String ticketId, String actor, boolean majorIncident) {
        Ticket ticket = lockedTicket(ticketId);
        Instant now = now();
        TicketStatus from = ticket.status;
        ticket.status = TicketLifecycle.apply(from, TicketAction.CLOSE);
        ticket.closedAt = now;
        ticket.record(now, "closed", actor, majorIncident ? "closed (major incident)" : "closed");
        outbox.publish(Topic.TICKETS, ticket.id,
                TicketEvents.closed(ticket, from, actor, majorIncident, TicketEvents.utcDate(retention.retainUntil(now, majorIncident))));
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
