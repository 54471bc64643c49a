package io.switchboard.feedback.domain;

import io.switchboard.web.errors.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A customer's answer to a survey, validated: CSAT 1-5, NPS 0-10, resolved on first contact yes/no, a free
 * comment (printable, at most {@link #MAX_COMMENT} characters), a language (ISO 639-1). Any question may be left
 * out, but not all of them.
 */
public record SurveyAnswer(Integer csat, Integer nps, Boolean resolvedOnFirstContact, String comment, String language) {

    public static final int MAX_COMMENT = 2000;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

    public SurveyAnswer {
        if (csat != null && (csat < 1 || csat > 5)) {
            throw new InvalidInputException("csat", "must be 1 to 5, was " + csat);
        }
        if (nps != null && (nps < 0 || nps > 10)) {
            throw new InvalidInputException("nps", "must be 0 to 10, was " + nps);
        }
        if (comment != null) {
            comment = comment.strip();
            if (comment.isEmpty()) {
                comment = null;
            } else if (comment.length() > MAX_COMMENT) {
                throw new InvalidInputException("comment", "must be at most " + MAX_COMMENT + " characters, was " + comment.length());
            } else if (comment.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                throw new InvalidInputException("comment", "must not contain control characters");
            }
        }
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            throw new InvalidInputException("language", "must be a two-letter ISO 639-1 code in lower case, e.g. en");
        }
        if (csat == null && nps == null && resolvedOnFirstContact == null && comment == null) {
            throw new InvalidInputException("csat", "an answer needs at least one of csat, nps, resolvedOnFirstContact, comment");
        }
    }

    /** NPS band: 9-10 promoter, 7-8 passive, 0-6 detractor. */
    public boolean promoter() {
        return nps != null && nps >= 9;
    }

    public boolean detractor() {
        return nps != null && nps <= 6;
    }
}
