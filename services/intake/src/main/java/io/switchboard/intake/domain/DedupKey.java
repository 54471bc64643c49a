package io.switchboard.intake.domain;

/**
 * Identifies a fault across repeated reports from one source: while a ticket with the same key from the same
 * source is open, a repeat adds an occurrence to it. Both parts are trimmed, at most {@link #MAX_LENGTH}
 * characters, and free of control characters.
 */
public record DedupKey(String source, String key) {

    public static final int MAX_LENGTH = 255;
    public static final String ALERTMANAGER_PREFIX = "alertmanager:";

    public DedupKey {
        source = normalise("source", source);
        key = normalise("dedupKey", key);
    }

    /** The dedup key of an Alertmanager alert, from its fingerprint. */
    public static String forAlert(String fingerprint) {
        String normalised = normalise("fingerprint", fingerprint);
        int room = MAX_LENGTH - ALERTMANAGER_PREFIX.length();
        if (normalised.codePointCount(0, normalised.length()) > room) {
            throw new InvalidFieldException("fingerprint", "must be at most " + room + " characters");
        }
        return ALERTMANAGER_PREFIX + normalised;
    }

    /**
     * The value trimmed of surrounding white space.
     *
     * @throws InvalidFieldException naming {@code field} when it is blank, longer than {@link #MAX_LENGTH} or holds a control character
     */
    public static String normalise(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        String trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            throw new InvalidFieldException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidFieldException(field, String.format("contains the control character U+%04X", (int) c));
            }
        }
        return trimmed;
    }
}
