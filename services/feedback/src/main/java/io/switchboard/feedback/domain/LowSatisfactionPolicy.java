package io.switchboard.feedback.domain;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When an answer is flagged as low satisfaction: CSAT at most {@code csatAtMost}, or NPS at most
 * {@code npsAtMost} together with a comment (a complaint). A flag counts against the agent's and group's figures
 * and, when {@code reopen} is set, asks intake to reopen the ticket (or open a follow-up for a closed one).
 * Spec: {@code csat-at-most=2;nps-at-most=6;nps-needs-comment=true;reopen=true}.
 */
public record LowSatisfactionPolicy(int csatAtMost, int npsAtMost, boolean npsNeedsComment, boolean reopen) {

    private static final Set<String> KEYS = Set.of("csat-at-most", "nps-at-most", "nps-needs-comment", "reopen");

    public LowSatisfactionPolicy {
        if (csatAtMost < 0 || csatAtMost > 5) {
            throw new InvalidPolicyException("low-satisfaction policy: csat-at-most must be 0 (never) to 5");
        }
        if (npsAtMost < -1 || npsAtMost > 10) {
            throw new InvalidPolicyException("low-satisfaction policy: nps-at-most must be -1 (never) to 10");
        }
    }

    public static LowSatisfactionPolicy parse(String spec) {
        String context = "low-satisfaction policy";
        Map<String, String> a = Specs.attributes(spec, KEYS, context);
        return new LowSatisfactionPolicy(
                Specs.integer(Specs.required(a, "csat-at-most", context), "csat-at-most", context),
                Specs.integer(Specs.required(a, "nps-at-most", context), "nps-at-most", context),
                Boolean.parseBoolean(a.getOrDefault("nps-needs-comment", "true")),
                Boolean.parseBoolean(a.getOrDefault("reopen", "true")));
    }

    /** The flag an answer raises, with its reason, or empty for a satisfied customer. */
    public Optional<Flag> assess(SurveyAnswer answer) {
        if (answer.csat() != null && answer.csat() <= csatAtMost) {
            return Optional.of(new Flag("csat " + answer.csat() + " <= " + csatAtMost, reopen));
        }
        if (answer.nps() != null && answer.nps() <= npsAtMost) {
            if (!npsNeedsComment) {
                return Optional.of(new Flag("nps " + answer.nps() + " <= " + npsAtMost, reopen));
            }
            if (answer.comment() != null) {
                return Optional.of(new Flag("nps " + answer.nps() + " <= " + npsAtMost + " with a complaint", reopen));
            }
        }
        return Optional.empty();
    }

    /** A low-satisfaction flag: why, and whether intake is asked to act on the ticket. */
    public record Flag(String reason, boolean reopenRequested) {
    }
}
