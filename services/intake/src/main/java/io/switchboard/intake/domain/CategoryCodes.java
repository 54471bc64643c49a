package io.switchboard.intake.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Category codes such as {@code technical.ecs}: lowercase letters, digits and hyphens in dot-separated parts.
 * Rules match categories by pattern: an exact code, a family {@code technical.*} (the code {@code technical}
 * and everything under it) or {@code *} (everything).
 */
public final class CategoryCodes {

    public static final int MAX_LENGTH = 100;
    public static final String ANY = "*";

    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*");

    /** The code trimmed and in lower case, or an {@link InvalidFieldException} naming the field. */
    public static String normalise(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        String code = value.strip().toLowerCase(Locale.ROOT);
        if (code.length() > MAX_LENGTH) {
            throw new InvalidFieldException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (!CODE.matcher(code).matches()) {
            throw new InvalidFieldException(field,
                    "must be a category code such as technical.ecs: lowercase letters, digits and hyphens in dot-separated parts");
        }
        return code;
    }

    static String pattern(String value, String context) {
        String pattern = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (pattern.equals(ANY)) {
            return pattern;
        }
        String code = pattern.endsWith(".*") ? pattern.substring(0, pattern.length() - 2) : pattern;
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(context + ": '" + value
                    + "' is not a category pattern; expected a code (technical.ecs), a family (technical.*) or *");
        }
        return pattern;
    }

    private CategoryCodes() {
    }
}
