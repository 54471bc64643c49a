package io.switchboard.compensation.ledger;

import io.switchboard.compensation.config.PolicyCatalog;
import io.switchboard.compensation.domain.BillingMonth;
import io.switchboard.compensation.domain.CreditCalculator;
import io.switchboard.compensation.domain.CreditLedger;
import io.switchboard.compensation.domain.CreditPolicy;
import io.switchboard.compensation.domain.Money;
import io.switchboard.compensation.domain.Subscription;
import io.switchboard.contracts.Topic;
import io.switchboard.eventing.postgres.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Credits that are not computed from availability (a support-SLA breach, an approved claim, a dispute's award):
 * each within the month's remaining cap, once per cause.
 */
@ApplicationScoped
public class OneOffCredits {

    private final AvailabilityLedger ledger;
    private final PolicyCatalog policies;
    private final Outbox outbox;
    private final Clock clock;

    OneOffCredits(AvailabilityLedger ledger, PolicyCatalog policies, Outbox outbox, Clock clock) {
        this.ledger = ledger;
        this.policies = policies;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What to credit: the basis, the cause (unique per subscription month), the amount earned and the links. */
    public record Grant(String basis, String cause, Money earned, String arithmetic, String ticketId, String claimId,
                        String disputeId) {
    }

    /**
     * Credits {@code grant} to {@code s} in {@code month}, capped; empty when the cap leaves nothing or the cause was
     * credited already. The month's ledger row is locked meanwhile.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<CreditRow> credit(Subscription s, BillingMonth month, Grant grant) {
        LedgerMonthRow row = ledger.lockMonth(s, month);
        if (CreditRow.count("subscriptionId = ?1 and billingMonth = ?2 and cause = ?3", s.id(), month.firstDay(), grant.cause()) > 0) {
            return Optional.empty();
        }
        CreditPolicy policy = policies.current(s.policyId());
        Money credited = new Money(row.availabilityCredit.add(row.otherCredit), s.monthlyFee().currency());
        CreditLedger.Settlement settlement = CreditLedger.oneOff(grant.earned(), credited, CreditCalculator.cap(policy, s.monthlyFee()));
        if (!settlement.changes()) {
            return Optional.empty();
        }
        CreditRow credit = new CreditRow();
        credit.id = UUID.randomUUID().toString();
        credit.customerId = s.customerId();
        credit.subscriptionId = s.id();
        credit.billingMonth = month.firstDay();
        credit.kind = CreditRow.ISSUED;
        credit.basis = grant.basis();
        credit.cause = grant.cause();
        credit.amount = settlement.delta().amount();
        credit.currency = s.monthlyFee().currency().getCurrencyCode();
        credit.form = policy.form().name();
        credit.ticketId = grant.ticketId();
        credit.claimId = grant.claimId();
        credit.policyId = policy.id();
        credit.policyVersion = policy.version();
        credit.arithmetic = grant.arithmetic() + "; " + settlement.arithmetic();
        credit.issuedAt = clock.instant();
        credit.persist();
        row.otherCredit = row.otherCredit.add(credit.amount);
        outbox.publish(Topic.COMPENSATION, s.customerId(), CreditEvents.issued(credit, null, null, grant.disputeId()));
        return Optional.of(credit);
    }
}
