package io.switchboard.compensation.domain;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Numbers written the way a statement shows them, so that a customer can redo the sum by hand. */
public final class Arithmetic {

    private Arithmetic() {
    }

    /** Thousands grouped, the scale kept: {@code 10000.00 -> 10,000.00}, {@code 43200 -> 43,200}. */
    public static String grouped(BigDecimal value) {
        int scale = Math.max(0, value.scale());
        StringBuilder pattern = new StringBuilder("#,##0");
        if (scale > 0) {
            pattern.append('.').append("0".repeat(scale));
        }
        DecimalFormat format = new DecimalFormat(pattern.toString(), DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setParseBigDecimal(true);
        return format.format(value);
    }

    /** A plain number without trailing zeros: {@code 120.000 -> 120}, {@code 1.2500 -> 1.25}. */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
