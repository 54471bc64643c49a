package io.switchboard.compensation.dispute;

import io.switchboard.compensation.audit.AuditTrail;
import io.switchboard.compensation.domain.BillingMonth;
import io.switchboard.compensation.domain.DisputePolicy;
import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.compensation.domain.Money;
import io.switchboard.compensation.domain.Subscription;
import io.switchboard.compensation.ledger.CreditEvents;
import io.switchboard.compensation.ledger.CreditRow;
import io.switchboard.compensation.ledger.OneOffCredits;
import io.switchboard.compensation.subscription.SubscriptionRow;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.compensation.DecidingBody;
import io.switchboard.contracts.compensation.DisputeDeadlineNearing;
import io.switchboard.contracts.compensation.DisputeDeadlinePassed;
import io.switchboard.contracts.compensation.DisputeDecided;
import io.switchboard.contracts.compensation.DisputeLevel;
import io.switchboard.contracts.compensation.DisputeOpened;
import io.switchboard.contracts.compensation.DisputeOutcome;
import io.switchboard.contracts.compensation.DisputeReferredToCommittee;
import io.switchboard.eventing.postgres.Outbox;
import io.switchboard.web.errors.ResourceNotFoundException;
import io.switchboard.web.errors.StateTransitionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Disputes with their levels' deadlines (counted on the business calendar): opened, watched as the deadline nears,
 * passes and, unresolved after the committee time, referred to the review committee; decided with an award that is
 * credited within the month's cap.
 */
@ApplicationScoped
public class Disputes {

    private final EntityManager em;
    private final DisputePolicy policy;
    private final OneOffCredits credits;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    Disputes(EntityManager em, DisputePolicy policy, OneOffCredits credits, Outbox outbox, AuditTrail audit, Clock clock) {
        this.em = em;
        this.policy = policy;
        this.credits = credits;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** A dispute as opened. */
    public record Opening(String customerId, DisputeLevel level, String description, String ticketId, String claimId,
                          Money claimed, String actor) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public DisputeRow open(Opening o) {
        Instant now = clock.instant();
        DisputeRow row = new DisputeRow();
        row.id = UUID.randomUUID().toString();
        row.customerId = o.customerId();
        row.ticketId = o.ticketId();
        row.claimId = o.claimId();
        row.level = o.level().name();
        row.description = o.description();
        row.claimedAmount = o.claimed() == null ? null : o.claimed().amount();
        row.currency = o.claimed() == null ? null : o.claimed().currency().getCurrencyCode();
        row.openedBy = o.actor();
        row.openedAt = now;
        row.decisionDueAt = policy.decisionDueAt(o.level(), now);
        row.committeeAt = policy.committeeAt(now);
        row.stage = DisputePolicy.Stage.ON_TIME.name();
        row.status = DisputeRow.OPEN;
        row.persist();
        outbox.publish(Topic.COMPENSATION, row.customerId, DisputeOpened.newBuilder().setDisputeId(row.id)
                .setCustomerId(row.customerId).setTicketId(row.ticketId).setClaimId(row.claimId).setLevel(o.level())
                .setClaimedAmount(o.claimed() == null ? null : CreditEvents.money(o.claimed()))
                .setDescription(row.description).setDecisionDueAt(row.decisionDueAt).setOpenedAt(now).build());
        audit.record(new AuditTrail.Entry(o.actor(), "open-dispute", "dispute", row.id, row.customerId, "OPENED",
                o.level() + ": decision due " + row.decisionDueAt + ", review committee at " + row.committeeAt
                        + " (calendar " + policy.calendar().toSpec() + ")", null, null, Map.of("level", row.level)));
        if (o.level() == DisputeLevel.LEVEL_1 && o.ticketId() != null) {
            settleFromBreach(row, now);
        }
        return row;
    }

    /**
     * Level 1 (an SLA missed) is compensated automatically: when the ticket's breach already earned a credit, the dispute
     * is upheld at once with that credit (never a second one). Otherwise it waits for a decision like the others.
     */
    private void settleFromBreach(DisputeRow row, Instant now) {
        List<CreditRow> credited = em.createQuery("from CreditRow where customerId = :customer and ticketId = :ticket "
                        + "and basis = 'SUPPORT_SLA_BREACH' order by issuedAt", CreditRow.class)
                .setParameter("customer", row.customerId).setParameter("ticket", row.ticketId).getResultList();
        if (credited.isEmpty()) {
            return;
        }
        CreditRow credit = credited.get(0);
        Money awarded = new Money(credit.amount, java.util.Currency.getInstance(credit.currency));
        String reason = "the SLA breach of ticket " + row.ticketId + " was compensated automatically: credit " + credit.id
                + " of " + awarded + " (" + credit.arithmetic + ")";
        row.status = DisputeRow.DECIDED;
        row.outcome = DisputeOutcome.UPHELD.name();
        row.decidingBody = DecidingBody.AUTOMATIC.name();
        row.awardedAmount = credit.amount;
        row.creditId = credit.id;
        row.reason = reason;
        row.decidedBy = "system";
        row.decidedAt = now;
        outbox.publish(Topic.COMPENSATION, row.customerId, DisputeDecided.newBuilder().setDisputeId(row.id)
                .setCustomerId(row.customerId).setOutcome(DisputeOutcome.UPHELD).setDecidingBody(DecidingBody.AUTOMATIC)
                .setAwardedAmount(CreditEvents.money(awarded)).setCreditId(credit.id).setReason(reason).setDecidedAt(now).build());
        audit.record(new AuditTrail.Entry("system", "decide-dispute", "dispute", row.id, row.customerId, "UPHELD", reason,
                credit.policyId, credit.policyVersion, Map.of("decidingBody", "AUTOMATIC", "creditId", credit.id)));
    }

    /** A decision; an award on a subscription is credited (basis DISPUTE_DECISION) within the month's cap. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DisputeRow decide(String id, DisputeOutcome outcome, String subscriptionId, BigDecimal award, String reason, String actor) {
        DisputeRow row = em.find(DisputeRow.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw new ResourceNotFoundException("dispute " + id);
        }
        if (!DisputeRow.OPEN.equals(row.status)) {
            throw new StateTransitionException("dispute " + id + " is already decided (" + row.outcome + ")");
        }
        Instant now = clock.instant();
        Money awarded = null;
        CreditRow credit = null;
        if (outcome != DisputeOutcome.REJECTED && award != null && award.signum() > 0) {
            SubscriptionRow sub = subscriptionId == null ? null : SubscriptionRow.findById(subscriptionId);
            if (sub == null || !sub.customerId.equals(row.customerId)) {
                throw new InvalidFieldException("subscriptionId", "an award is credited to one of the customer's subscriptions");
            }
            Subscription s = sub.toDomain();
            if (award.stripTrailingZeros().scale() > s.monthlyFee().currency().getDefaultFractionDigits()) {
                throw new InvalidFieldException("awardedAmount", "has more decimals than " + s.monthlyFee().currency() + " has");
            }
            Money earned = new Money(award, s.monthlyFee().currency()).rounded(RoundingMode.UNNECESSARY);
            credit = credits.credit(s, BillingMonth.containing(now, s.billingZone()), new OneOffCredits.Grant(
                    "DISPUTE_DECISION", "dispute:" + row.id, earned, "dispute " + row.id + " " + outcome + " by " + actor + ": "
                            + reason, row.ticketId, row.claimId, row.id)).orElse(null);
            if (credit != null) {
                row.creditId = credit.id;
                awarded = new Money(credit.amount, s.monthlyFee().currency());
            }
        }
        DecidingBody body = DisputePolicy.Stage.COMMITTEE.name().equals(row.stage) ? DecidingBody.REVIEW_COMMITTEE
                : DecidingBody.INVESTIGATION;
        row.status = DisputeRow.DECIDED;
        row.outcome = outcome.name();
        row.decidingBody = body.name();
        row.awardedAmount = awarded == null ? null : awarded.amount();
        row.reason = reason;
        row.decidedBy = actor;
        row.decidedAt = now;
        outbox.publish(Topic.COMPENSATION, row.customerId, DisputeDecided.newBuilder().setDisputeId(row.id)
                .setCustomerId(row.customerId).setOutcome(outcome).setDecidingBody(body)
                .setAwardedAmount(awarded == null ? null : CreditEvents.money(awarded)).setCreditId(row.creditId)
                .setReason(reason).setDecidedAt(now).build());
        // The award is credited under the subscription's policy version: the audit names it.
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("decidingBody", body.name());
        data.put("stage", row.stage);
        data.put("requestedAward", String.valueOf(award));
        data.put("awarded", String.valueOf(row.awardedAmount));
        data.put("subscriptionId", subscriptionId);
        data.put("creditId", row.creditId);
        audit.record(new AuditTrail.Entry(actor, "decide-dispute", "dispute", row.id, row.customerId, outcome.name(), reason,
                credit == null ? null : credit.policyId, credit == null ? null : credit.policyVersion, data));
        return row;
    }

    /**
     * Moves every open dispute to the stage it has reached at {@code now}, publishing one event per stage reached
     * (nearing, passed, referred to the committee), each once. Returns the number of events.
     */
    @Transactional
    public int watch(Instant now) {
        List<DisputeRow> open = em.createQuery("from DisputeRow where status = :open and stage <> :last and "
                        + "(decisionDueAt <= :horizon or committeeAt <= :now) order by openedAt", DisputeRow.class)
                .setParameter("open", DisputeRow.OPEN).setParameter("last", DisputePolicy.Stage.COMMITTEE.name())
                .setParameter("horizon", now.plus(policy.warnBefore())).setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(500).getResultList();
        int events = 0;
        for (DisputeRow row : open) {
            DisputePolicy.Stage reached = policy.stage(row.openedAt, row.decisionDueAt, now);
            DisputePolicy.Stage was = DisputePolicy.Stage.valueOf(row.stage);
            DisputeLevel level = DisputeLevel.valueOf(row.level);
            for (DisputePolicy.Stage s : DisputePolicy.Stage.values()) {
                if (s.ordinal() <= was.ordinal() || s.ordinal() > reached.ordinal()) {
                    continue;
                }
                switch (s) {
                    case NEARING -> outbox.publish(Topic.COMPENSATION, row.customerId, DisputeDeadlineNearing.newBuilder()
                            .setDisputeId(row.id).setCustomerId(row.customerId).setLevel(level)
                            .setDecisionDueAt(row.decisionDueAt).setWarnedAt(now).build());
                    case OVERDUE -> outbox.publish(Topic.COMPENSATION, row.customerId, DisputeDeadlinePassed.newBuilder()
                            .setDisputeId(row.id).setCustomerId(row.customerId).setLevel(level)
                            .setDecisionDueAt(row.decisionDueAt).setPassedAt(now).build());
                    case COMMITTEE -> outbox.publish(Topic.COMPENSATION, row.customerId, DisputeReferredToCommittee.newBuilder()
                            .setDisputeId(row.id).setCustomerId(row.customerId).setLevel(level)
                            .setDecisionDueAt(row.decisionDueAt).setReferredAt(now).build());
                    default -> {
                        continue;
                    }
                }
                events++;
                audit.record(new AuditTrail.Entry("system", "watch-dispute", "dispute", row.id, row.customerId, s.name(),
                        "decision due " + row.decisionDueAt + ", committee at " + row.committeeAt + ", checked at " + now,
                        null, null, Map.of("level", row.level)));
            }
            row.stage = reached.name();
        }
        return events;
    }
}
