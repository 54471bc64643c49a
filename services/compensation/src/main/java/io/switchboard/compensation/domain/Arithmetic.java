package io.switchboard.compensation.domain;

import java.math.BigDecimal;

/** Numbers written the way a statement shows them, so that a customer can redo the sum by hand. */
public final class Arithmetic {

    private Arithmetic() {
    }

    /** Thousands grouped, the scale kept: {@code 10000.00 -> 10,000.00}, {@code 43200 -> 43,200}. */
    public static String grouped(BigDecimal value) {
        // By hand rather than with a DecimalFormat: a settlement writes this for every subscription month.
        String plain = (value.scale() < 0 ? value.setScale(0) : value).toPlainString();
        int start = plain.startsWith("-") ? 1 : 0;
        int dot = plain.indexOf('.');
        int end = dot < 0 ? plain.length() : dot;
        StringBuilder out = new StringBuilder(plain.length() + (end - start) / 3);
        out.append(plain, 0, start);
        for (int i = start; i < end; i++) {
            if (i > start && (end - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        return out.append(plain, end, plain.length()).toString();
    }

    /** A plain number without trailing zeros: {@code 120.000 -> 120}, {@code 1.2500 -> 1.25}. */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
