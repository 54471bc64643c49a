package io.switchboard.intake.ticket;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.eventing.postgres.Outbox;
import io.switchboard.intake.domain.Classification;
import io.switchboard.intake.domain.Classifier;
import io.switchboard.intake.domain.DedupKey;
import io.switchboard.intake.domain.IntakeFacts;
import io.switchboard.intake.domain.IntakeFields;
import io.switchboard.intake.domain.IvrLeaf;
import io.switchboard.intake.domain.IvrMenu;
import io.switchboard.intake.domain.SupportLevels;
import io.switchboard.intake.ticket.TicketRepository.KnownCustomer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Opens tickets from any channel, classified and deduplicated, with a few set-based statements per group of work
 * (see {@link TicketRepository}). The tickets and their events are one transaction, the caller's.
 */
@ApplicationScoped
public class TicketOpening {

    /** Insert, then add to open tickets; a ticket resolved between the two makes another round. */
    private static final int MAX_ROUNDS = 5;

    private final TicketRepository tickets;
    private final Outbox outbox;
    private final Classifier classifier;
    private final Clock clock;
    private final IvrMenu menu;
    private final SupportLevels supportLevels;

    TicketOpening(TicketRepository tickets, Outbox outbox, Classifier classifier, Clock clock, IvrMenu menu,
                  SupportLevels supportLevels) {
        this.tickets = tickets;
        this.outbox = outbox;
        this.classifier = classifier;
        this.clock = clock;
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
        tickets.flush(); // the statements below must see this transaction's entity changes
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, KnownCustomer> customers = tickets.customers(
                works.stream().map(NewWork::customerId).filter(Objects::nonNull).distinct().toArray(String[]::new));
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
        Optional<IvrLeaf> option = menu.optionFor(c.category());
        t.product = work.product() != null ? work.product() : option.map(IvrLeaf::product).orElse(null);
        t.region = work.region() != null ? work.region() : customer != null ? customer.region() : null;
        t.language = work.language() != null ? work.language() : customer != null ? customer.language() : "en";
        t.classifyAs(c, supportLevels.initial(c.emergency(), c.emergencyLevel()));
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
        t.history = null;
        t.openedAt = now;
        Draft draft = new Draft();
        draft.proposed = t;
        return draft;
    }

    /** Inserts the drafts as new tickets; returns those whose dedup key has an open ticket already. */
    private List<Draft> insertNew(List<Draft> drafts, Instant now) {
        List<TicketRepository.NewTicket> rows = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            List<Ticket.HistoryEntry> history = new ArrayList<>(d.works.size());
            history.add(new Ticket.HistoryEntry(now, "opened", d.works.get(0).actor(),
                    "opened through " + d.proposed.channel + ", priority " + d.proposed.priority));
            for (NewWork later : d.works.subList(1, d.works.size())) {
                history.add(occurrenceEntry(later, now));
            }
            rows.add(new TicketRepository.NewTicket(d.proposed, history, d.works.size()));
        }
        Map<String, String> inserted = tickets.insertNew(rows, now);
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
        Map<String, Ticket> updated = tickets.addOccurrences(drafts.stream()
                .map(d -> new TicketRepository.Occurrences(d.proposed.dedupSource, d.proposed.dedupKey,
                        d.works.stream().map(w -> occurrenceEntry(w, now)).toList()))
                .toList(), now);
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
}
