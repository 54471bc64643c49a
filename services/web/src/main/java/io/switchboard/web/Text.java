package io.switchboard.web;

import io.switchboard.web.errors.InvalidInputException;

/**
 * Checks on free text that bean validation does not express. They throw the plain
 * {@link InvalidInputException}, so that channels other than HTTP (a Kafka handler) can use them too.
 */
public final class Text {

    /** Refuses control characters (other than tab and line breaks in long text), a classic log- and header-injection vector. */
    public static void requirePrintable(String field, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new InvalidInputException(field, String.format("contains the control character U+%04X", (int) c));
            }
        }
    }

    /** As {@link #requirePrintable}, and single-line: no line breaks either. */
    public static void requireSingleLine(String field, String value) {
        requirePrintable(field, value);
        if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
            throw new InvalidInputException(field, "must be a single line");
        }
    }

    private Text() {
    }
}
