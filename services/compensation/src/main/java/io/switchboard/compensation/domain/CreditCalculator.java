package io.switchboard.compensation.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.Optional;

/**
 * The credit a policy grants for a month of availability, with the arithmetic a customer can redo by hand.
 * The unrounded value is computed exactly and rounded once, by the policy's rule, to the currency's minor unit.
 */
public final class CreditCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** What a month earns before the cap: the amount (zero when nothing), and how it was found. */
    public record Entitlement(Money amount, String arithmetic) {
    }

    private CreditCalculator() {
    }

    public static Entitlement forMonth(CreditPolicy policy, Money fee, BigDecimal commitment, MonthlyAvailability month) {
        Money zero = Money.zero(fee.currency());
        if (!month.hasOutage()) {
            return new Entitlement(zero, "no unavailable time in " + month.month().month() + ": no credit");
        }
        return switch (policy.method()) {
            case PER_MINUTE -> perMinute(policy, fee, commitment, month);
            case TIERED -> tiered(policy, fee, commitment, month);
        };
    }

    private static Entitlement perMinute(CreditPolicy policy, Money fee, BigDecimal commitment, MonthlyAvailability month) {
        Optional<BigDecimal> coefficient = policy.coefficient(commitment);
        if (coefficient.isEmpty()) {
            return new Entitlement(Money.zero(fee.currency()), policy.whyNotFor(commitment).orElseThrow() + ": no credit");
        }
        BigDecimal numerator = BigDecimal.valueOf(month.unavailableMillis()).multiply(fee.amount()).multiply(coefficient.get());
        BigDecimal denominator = BigDecimal.valueOf(month.monthMillis());
        Money amount = new Money(numerator.divide(denominator, Money.minorDigits(fee.currency()), policy.rounding()), fee.currency());
        String exact = Arithmetic.plain(numerator.divide(denominator, 6, RoundingMode.DOWN));
        return new Entitlement(amount, Arithmetic.grouped(month.unavailableMinutes()) + " min / "
                + Arithmetic.grouped(month.monthMinutes()) + " min x " + fee + " x " + coefficient.get().toPlainString()
                + " (coefficient at " + Arithmetic.plain(commitment) + "%) = " + exact + "... = " + amount
                + " (" + policy.rounding() + " to the minor unit)");
    }

    private static Entitlement tiered(CreditPolicy policy, Money fee, BigDecimal commitment, MonthlyAvailability month) {
        String achieved = month.percent(4).toPlainString() + "%";
        Optional<CreditPolicy.Tier> band = policy.tiers().stream()
                .filter(t -> t.appliesTo(commitment) && month.isBelow(t.threshold(commitment)))
                .max(Comparator.comparing(CreditPolicy.Tier::percent));
        if (band.isEmpty()) {
            return new Entitlement(Money.zero(fee.currency()), "availability " + achieved + " is below no band of policy "
                    + policy.id() + " v" + policy.version() + " for commitment " + Arithmetic.plain(commitment) + "%: no credit");
        }
        CreditPolicy.Tier tier = band.get();
        Money amount = new Money(fee.amount().multiply(tier.percent()).divide(HUNDRED, Money.minorDigits(fee.currency()),
                policy.rounding()), fee.currency());
        return new Entitlement(amount, "availability " + achieved + " < " + Arithmetic.plain(tier.threshold(commitment))
                + "% (band " + tier.spec() + "): " + Arithmetic.plain(tier.percent()) + "% x " + fee + " = " + amount);
    }

    /** A month's credits never exceed this: the policy's cap percent of the monthly fee. */
    public static Money cap(CreditPolicy policy, Money fee) {
        return new Money(fee.amount().multiply(policy.capPercent()).divide(HUNDRED, Money.minorDigits(fee.currency()),
                policy.rounding()), fee.currency());
    }

    /** What a support-SLA breach earns under the policy's rule: percent x fee, rounded. */
    public static Money supportBreach(CreditPolicy policy, CreditPolicy.SupportBreachRule rule, Money fee) {
        return new Money(fee.amount().multiply(rule.percent()).divide(HUNDRED, Money.minorDigits(fee.currency()),
                policy.rounding()), fee.currency());
    }
}
