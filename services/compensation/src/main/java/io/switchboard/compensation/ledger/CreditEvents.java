package io.switchboard.compensation.ledger;

import io.switchboard.compensation.domain.Money;
import io.switchboard.contracts.compensation.CompensationForm;
import io.switchboard.contracts.compensation.CreditAdjusted;
import io.switchboard.contracts.compensation.CreditBasis;
import io.switchboard.contracts.compensation.CreditIssued;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** Credits as the events of {@code support.compensation.v1}. */
public final class CreditEvents {

    private CreditEvents() {
    }

    /** The contract's money: two decimals (a currency with none, such as JPY, shows .00). */
    public static io.switchboard.contracts.common.Money money(Money money) {
        return io.switchboard.contracts.common.Money.newBuilder()
                .setAmount(money.amount().setScale(2, RoundingMode.UNNECESSARY))
                .setCurrency(money.currency().getCurrencyCode()).build();
    }

    public static io.switchboard.contracts.common.Money money(BigDecimal amount, String currency) {
        return io.switchboard.contracts.common.Money.newBuilder().setAmount(amount.setScale(2, RoundingMode.UNNECESSARY))
                .setCurrency(currency).build();
    }

    public static CreditIssued issued(CreditRow c, Instant unavailableFrom, Instant unavailableUntil, String disputeId) {
        return CreditIssued.newBuilder().setCreditId(c.id).setCustomerId(c.customerId).setSubscriptionId(c.subscriptionId)
                .setBasis(CreditBasis.valueOf(c.basis)).setForm(CompensationForm.valueOf(c.form))
                .setAmount(money(c.amount, c.currency)).setBillingMonth(c.billingMonth)
                .setUnavailableFrom(unavailableFrom).setUnavailableUntil(unavailableUntil)
                .setAchievedAvailabilityPercent(c.availability == null ? null : c.availability.toPlainString()).setOutageId(c.outageId).setClaimId(c.claimId)
                .setDisputeId(disputeId).setTicketId(c.ticketId).setPolicyId(c.policyId).setPolicyVersion(c.policyVersion)
                .setArithmetic(c.arithmetic).setIssuedAt(c.issuedAt).build();
    }

    public static CreditAdjusted adjusted(CreditRow c, BigDecimal totalCredited, String reason) {
        return CreditAdjusted.newBuilder().setAdjustmentId(c.id).setCustomerId(c.customerId).setSubscriptionId(c.subscriptionId)
                .setBasis(CreditBasis.valueOf(c.basis)).setAmount(money(c.amount, c.currency))
                .setTotalCredited(money(totalCredited, c.currency)).setBillingMonth(c.billingMonth).setOutageId(c.outageId)
                .setAchievedAvailabilityPercent(c.availability == null ? null : c.availability.toPlainString()).setReason(reason).setPolicyId(c.policyId)
                .setPolicyVersion(c.policyVersion).setArithmetic(c.arithmetic).setAdjustedAt(c.issuedAt).build();
    }
}
