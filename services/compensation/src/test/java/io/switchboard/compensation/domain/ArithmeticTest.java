package io.switchboard.compensation.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ArithmeticTest {

    @Test
    void groupsThousandsAndKeepsTheScale() {
        assertEquals("10,000.00", Arithmetic.grouped(new BigDecimal("10000.00")));
        assertEquals("43,200", Arithmetic.grouped(new BigDecimal("43200")));
        assertEquals("999", Arithmetic.grouped(new BigDecimal("999")));
        assertEquals("-1,234,567.891", Arithmetic.grouped(new BigDecimal("-1234567.891")));
        assertEquals("0.05", Arithmetic.grouped(new BigDecimal("0.05")));
        assertEquals("1,200", Arithmetic.grouped(new BigDecimal("1.2E+3")));
    }

    @Test
    void writesWhatADecimalFormatWouldWrite() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal value = BigDecimal.valueOf(random.nextLong() >> random.nextInt(63), random.nextInt(8) - 1);
            assertEquals(formatted(value), Arithmetic.grouped(value), value.toString());
        }
    }

    /** The former implementation. */
    private static String formatted(BigDecimal value) {
        int scale = Math.max(0, value.scale());
        StringBuilder pattern = new StringBuilder("#,##0");
        if (scale > 0) {
            pattern.append('.').append("0".repeat(scale));
        }
        DecimalFormat format = new DecimalFormat(pattern.toString(), DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(value);
    }
}
