package io.switchboard.compensation.rest;

import io.switchboard.compensation.domain.InvalidFieldException;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Fields of a request body read the same way by every resource: a 4xx naming the field when one is wrong. */
public final class RequestFields {

    /** A required one-line text of at most {@code max} characters. */
    public static void text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (value.length() > max) {
            throw new InvalidFieldException(field, "at most " + max + " characters");
        }
    }

    /** One of an Avro enum's symbols, its reader-side fallback UNKNOWN excepted. */
    public static <E extends Enum<E>> E choice(Class<E> type, String field, String value) {
        String symbols = Arrays.stream(type.getEnumConstants()).map(Enum::name).filter(name -> !name.equals("UNKNOWN"))
                .collect(Collectors.joining(", "));
        try {
            E choice = Enum.valueOf(type, value == null ? "" : value);
            if (!choice.name().equals("UNKNOWN")) {
                return choice;
            }
        } catch (IllegalArgumentException e) {
            // named below
        }
        throw new InvalidFieldException(field, "must be one of " + symbols);
    }

    /** An optional decimal amount, never negative; null when absent. */
    public static BigDecimal amount(String field, String value) {
        if (value == null) {
            return null;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "'" + value + "' is not a decimal amount");
        }
        if (amount.signum() < 0) {
            throw new InvalidFieldException(field, "must not be negative");
        }
        return amount;
    }

    private RequestFields() {
    }
}
