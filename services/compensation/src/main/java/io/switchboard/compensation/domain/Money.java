package io.switchboard.compensation.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An exact amount in one currency. Never a floating-point number: amounts are {@link BigDecimal}s and
 * every result that is paid is rounded once, by the policy's rule, to the currency's minor unit.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /** The contract's money type carries two decimals: a currency with more minor digits cannot be paid in it. */
    public static final int MAX_MINOR_DIGITS = 2;

    public Money {
        if (amount == null || currency == null) {
            throw new IllegalArgumentException("money needs an amount and a currency");
        }
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency(currency));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO.setScale(minorDigits(currency)), currency);
    }

    /** The ISO 4217 currency named by {@code code}; refused when unknown or finer than the contract's two decimals. */
    public static Currency currency(String code) {
        Currency currency;
        try {
            currency = Currency.getInstance(code == null ? "" : code.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("currency", "'" + code + "' is not an ISO 4217 currency code");
        }
        if (currency.getDefaultFractionDigits() < 0 || currency.getDefaultFractionDigits() > MAX_MINOR_DIGITS) {
            throw new InvalidFieldException("currency", code + " has " + currency.getDefaultFractionDigits()
                    + " minor digits; amounts are exchanged with " + MAX_MINOR_DIGITS);
        }
        return currency;
    }

    static int minorDigits(Currency currency) {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    /** Rounded with {@code mode} to the currency's minor unit (0.01 for CNY, 1 for JPY). */
    public Money rounded(RoundingMode mode) {
        return new Money(amount.setScale(minorDigits(currency), mode), currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money min(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount) <= 0 ? this : other;
    }

    public Money max(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount) >= 0 ? this : other;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    /** Equal when currency and numeric value are equal (10.0 and 10.00 are the same money). */
    public boolean sameAs(Money other) {
        return currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
    }

    /** E.g. {@code 10,000.00 CNY}. */
    @Override
    public String toString() {
        return Arithmetic.grouped(amount) + " " + currency.getCurrencyCode();
    }
}
