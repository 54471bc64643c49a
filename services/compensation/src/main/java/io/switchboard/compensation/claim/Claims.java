package io.switchboard.compensation.claim;

import io.switchboard.compensation.audit.AuditTrail;
import io.switchboard.compensation.config.PolicyCatalog;
import io.switchboard.compensation.domain.BillingMonth;
import io.switchboard.compensation.domain.ClaimWindow;
import io.switchboard.compensation.domain.CreditCalculator;
import io.switchboard.compensation.domain.CreditPolicy;
import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.compensation.domain.Money;
import io.switchboard.compensation.domain.MonthlyAvailability;
import io.switchboard.compensation.domain.Period;
import io.switchboard.compensation.domain.Subscription;
import io.switchboard.compensation.ledger.AvailabilityLedger;
import io.switchboard.compensation.ledger.CreditEvents;
import io.switchboard.compensation.ledger.CreditRow;
import io.switchboard.compensation.ledger.OneOffCredits;
import io.switchboard.compensation.outage.OutageRow;
import io.switchboard.compensation.subscription.SubscriptionRow;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.compensation.ClaimDecided;
import io.switchboard.contracts.compensation.ClaimDecision;
import io.switchboard.eventing.postgres.Outbox;
import io.switchboard.web.errors.ResourceNotFoundException;
import io.switchboard.web.errors.StateTransitionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Claims: decided at once when the ledger shows the claimed period unavailable (the credit was issued automatically,
 * so the claim is approved with it and never paid twice), refused when out of the policy's window, otherwise sent
 * to review, where an agent decides.
 */
@ApplicationScoped
public class Claims {

    private final EntityManager em;
    private final PolicyCatalog policies;
    private final OneOffCredits credits;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    Claims(EntityManager em, PolicyCatalog policies, OneOffCredits credits, Outbox outbox, AuditTrail audit, Clock clock) {
        this.em = em;
        this.policies = policies;
        this.credits = credits;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** A claim as made. */
    public record Claim(String customerId, String subscriptionId, Period period, String evidence, String ticketId, String actor) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ClaimRow file(Claim claim) {
        SubscriptionRow sub = SubscriptionRow.findById(claim.subscriptionId());
        if (sub == null || !sub.customerId.equals(claim.customerId())) {
            throw new InvalidFieldException("subscriptionId", "customer " + claim.customerId() + " has no subscription " + claim.subscriptionId());
        }
        Subscription s = sub.toDomain();
        BillingMonth month = BillingMonth.containing(claim.period().from(), s.billingZone());
        if (claim.period().until().isAfter(month.end())) {
            throw new InvalidFieldException("periodUntil", "a claim covers one billing month; " + month.month() + " ends at " + month.end());
        }
        CreditPolicy policy = policies.current(s.policyId());
        Instant now = clock.instant();
        ClaimRow row = new ClaimRow();
        row.id = UUID.randomUUID().toString();
        row.customerId = s.customerId();
        row.subscriptionId = s.id();
        row.periodFrom = claim.period().from();
        row.periodUntil = claim.period().until();
        row.billingMonth = month.firstDay();
        row.evidence = claim.evidence();
        row.ticketId = claim.ticketId();
        row.currency = s.monthlyFee().currency().getCurrencyCode();
        row.claimedBy = claim.actor();
        row.claimedAt = now;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("period", claim.period().from() + ".." + claim.period().until());
        data.put("billingMonth", month.month().toString());
        Optional<String> refusal = ClaimWindow.refusal(month, policy.claimWindowCycles(), now);
        if (refusal.isPresent()) {
            decide(row, ClaimDecision.REJECTED, null, refusal.get(), "system", now);
        } else {
            List<OutageRow> outages = em.createQuery("from OutageRow where product = :p and region = :r and endedAt is not null "
                            + "and startedAt < :end and endedAt > :start", OutageRow.class)
                    .setParameter("p", s.product()).setParameter("r", s.region())
                    .setParameter("start", month.start()).setParameter("end", month.end()).getResultList();
            MonthlyAvailability availability = MonthlyAvailability.of(month, AvailabilityLedger.affecting(s, outages));
            long overlapMillis = availability.unavailable().stream().map(p -> p.clippedTo(claim.period()))
                    .flatMap(Optional::stream).map(Period::length).mapToLong(Duration::toMillis).sum();
            data.put("unavailableMinutesInPeriod", overlapMillis / 60_000.0);
            // A breach: unavailable time in the claimed period, in a month the policy credits (a tiered month above its
            // commitment had outages but no breach).
            CreditCalculator.Entitlement entitlement = CreditCalculator.forMonth(policy, s.monthlyFee(), s.commitment(), availability);
            data.put("availabilityPercent", availability.percent(4));
            data.put("entitlement", entitlement.arithmetic());
            if (overlapMillis > 0 && entitlement.amount().isPositive()) {
                // What the month's availability earned was credited automatically: the claim is approved with it.
                BigDecimal credited = CreditRow.<CreditRow>list("subscriptionId = ?1 and billingMonth = ?2 and basis in ?3", s.id(),
                        month.firstDay(), List.of("PER_MINUTE", "AVAILABILITY_BAND")).stream().map(c -> c.amount)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                data.put("availabilityCredited", credited);
                decide(row, ClaimDecision.APPROVED, credited, "the ledger shows " + overlapMillis / 60_000.0
                        + " min unavailable in the claimed period (" + entitlement.arithmetic() + "); credited automatically for "
                        + month.month() + ": " + new Money(credited, s.monthlyFee().currency()) + " (not paid again)", "system", now);
            } else {
                row.status = ClaimRow.UNDER_REVIEW;
                row.reason = (overlapMillis > 0 ? "the ledger shows " + overlapMillis / 60_000.0 + " min unavailable in the claimed "
                        + "period but no breach (" + entitlement.arithmetic() + ")" : "the ledger shows no unavailable time in the "
                        + "claimed period") + ": sent to review";
            }
        }
        row.persist();
        audit.record(new AuditTrail.Entry(row.decidedBy == null ? "system" : row.decidedBy, "file-claim", "claim", row.id,
                row.customerId, row.status, row.reason, policy.id(), policy.version(), data));
        return row;
    }

    /** An agent's decision on a claim under review; an approved amount is credited within the month's cap. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ClaimRow review(String claimId, ClaimDecision decision, BigDecimal amount, String reason, String actor) {
        ClaimRow row = em.find(ClaimRow.class, claimId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw new ResourceNotFoundException("claim " + claimId);
        }
        if (!ClaimRow.UNDER_REVIEW.equals(row.status)) {
            throw new StateTransitionException("claim " + claimId + " is already decided (" + row.status + ")");
        }
        Subscription s = SubscriptionRow.<SubscriptionRow>findById(row.subscriptionId).toDomain();
        BigDecimal approved = null;
        if (decision != ClaimDecision.REJECTED) {
            if (amount == null || amount.signum() <= 0) {
                throw new InvalidFieldException("amount", "an approval needs a positive amount");
            }
            if (amount.stripTrailingZeros().scale() > s.monthlyFee().currency().getDefaultFractionDigits()) {
                throw new InvalidFieldException("amount", "has more decimals than " + row.currency + " has");
            }
            BillingMonth month = new BillingMonth(java.time.YearMonth.from(row.billingMonth), s.billingZone());
            approved = credits.credit(s, month, new OneOffCredits.Grant("CLAIM_DECISION", "claim:" + row.id,
                            new Money(amount, s.monthlyFee().currency()).rounded(java.math.RoundingMode.UNNECESSARY),
                            "claim " + row.id + " approved by " + actor + ": " + reason, row.ticketId, row.id, null))
                    .map(c -> c.amount).orElse(BigDecimal.ZERO);
        }
        decide(row, decision, approved, reason, actor, clock.instant());
        CreditPolicy policy = policies.current(s.policyId());
        audit.record(new AuditTrail.Entry(actor, "review-claim", "claim", row.id, row.customerId, row.status, reason,
                policy.id(), policy.version(), Map.of("requestedAmount", String.valueOf(amount), "approvedAmount", String.valueOf(approved))));
        return row;
    }

    private void decide(ClaimRow row, ClaimDecision decision, BigDecimal approved, String reason, String actor, Instant at) {
        row.status = decision.name();
        row.reason = reason;
        row.approvedAmount = approved;
        row.decidedBy = actor;
        row.decidedAt = at;
        outbox.publish(Topic.COMPENSATION, row.customerId, ClaimDecided.newBuilder().setClaimId(row.id).setCustomerId(row.customerId)
                .setSubscriptionId(row.subscriptionId).setOutageId(null).setTicketId(row.ticketId).setDecision(decision)
                .setApprovedAmount(approved == null ? null : CreditEvents.money(approved, row.currency)).setReason(reason)
                .setDecidedBy(actor).setDecidedAt(at).build());
    }
}
