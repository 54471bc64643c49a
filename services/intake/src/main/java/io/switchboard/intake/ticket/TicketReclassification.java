package io.switchboard.intake.ticket;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.Urgency;
import io.switchboard.eventing.postgres.Outbox;
import io.switchboard.intake.domain.Classification;
import io.switchboard.intake.domain.Classifier;
import io.switchboard.intake.domain.IllegalTransitionException;
import io.switchboard.intake.domain.IntakeFacts;
import io.switchboard.intake.domain.InvalidFieldException;
import io.switchboard.intake.domain.IvrLeaf;
import io.switchboard.intake.domain.IvrMenu;
import io.switchboard.intake.domain.SupportLevels;
import io.switchboard.intake.domain.TicketLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Corrects an open ticket's classification and publishes {@code TicketReclassified}, in the caller's transaction. */
@ApplicationScoped
public class TicketReclassification {

    private final TicketRepository tickets;
    private final Outbox outbox;
    private final Classifier classifier;
    private final Clock clock;
    private final IvrMenu menu;
    private final SupportLevels supportLevels;

    TicketReclassification(TicketRepository tickets, Outbox outbox, Classifier classifier, Clock clock, IvrMenu menu,
                           SupportLevels supportLevels) {
        this.tickets = tickets;
        this.outbox = outbox;
        this.classifier = classifier;
        this.clock = clock;
        this.menu = menu;
        this.supportLevels = supportLevels;
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
        Ticket ticket = tickets.lockedTicket(ticketId);
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
        ticket.classifyAs(next, supportLevels.initial(next.emergency(), next.emergencyLevel()));
        if (category != null) {
            Optional<IvrLeaf> option = menu.optionFor(next.category());
            ticket.skill = option.map(IvrLeaf::skill).orElse(null);
            if (ticket.product == null) {
                ticket.product = option.map(IvrLeaf::product).orElse(null);
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ticket.record(now, "reclassified", actor, previousCategory + "/" + previousPriority + " -> "
                + ticket.category + "/" + ticket.priority + ": " + reason);
        outbox.publish(Topic.TICKETS, ticket.id,
                TicketEvents.reclassified(ticket, previousCategory, previousPriority, previousEmergency, previousEmergencyLevel,
                        reason, actor, now));
        return ticket;
    }
}
