package io.switchboard.feedback.domain;

import io.switchboard.web.errors.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Survey policy, answer validation, acceptance and the low-satisfaction policy. */
class SurveyRulesTest {

    static final String POLICY = "PHONE=IVR;WEB_CONSOLE=WEB;API=EMAIL;PARTNER=EMAIL;MONITORING=NONE;expiry=P7D;reminder=P3D";
    static final Instant RESOLVED = Instant.parse("2026-11-29T10:00:00Z");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"PHONE, IVR", "WEB_CONSOLE, WEB", "API, EMAIL", "PARTNER, EMAIL", "MONITORING, NONE", "UNKNOWN, NONE"})
    void theChannelChoosesTheMethod(String channel, SurveyMethod method) {
        SurveyPolicy.SurveyPlan plan = SurveyPolicy.parse(POLICY).plan(channel, RESOLVED);
        assertEquals(method, plan.method());
        if (plan.surveyed()) {
            assertEquals(RESOLVED.plus(Duration.ofDays(7)), plan.expiresAt());
            assertEquals(RESOLVED.plus(Duration.ofDays(3)), plan.remindAt());
        } else {
            assertNull(plan.expiresAt());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PHONE=IVR;expiry=P7D",
            "PHONE=FAX;expiry=P7D;reminder=P3D",
            "PHONE=IVR;expiry=P3D;reminder=P7D",
            "phone=IVR;expiry=P7D;reminder=P3D",
            "PHONE=IVR;expiry=seven days;reminder=P3D"})
    void badSurveyPoliciesAreRefused(String spec) {
        assertThrows(InvalidPolicyException.class, () -> SurveyPolicy.parse(spec));
    }

    @ParameterizedTest(name = "csat={0} nps={1} fcr={2} comment={3} language={4}: {5}")
    @CsvSource(nullValues = "-", value = {
            "0, -, -, -, -, csat",
            "6, -, -, -, -, csat",
            "-, -1, -, -, -, nps",
            "-, 11, -, -, -, nps",
            "-, -, -, -, -, csat",
            "-, -, -, '   ', -, csat",
            "5, -, -, -, EN, language",
            "5, -, -, -, eng, language",
            "5, -, -, o\u0007k, -, comment"})
    void badAnswersNameTheField(Integer csat, Integer nps, Boolean fcr, String comment, String language, String field) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SurveyAnswer(csat, nps, fcr, comment, language));
        assertEquals(field, e.field());
    }

    @Test
    void aLongCommentIsRefusedAndEdgesAreAccepted() {
        assertEquals("comment", assertThrows(InvalidInputException.class,
                () -> new SurveyAnswer(5, null, null, "x".repeat(SurveyAnswer.MAX_COMMENT + 1), null)).field());
        SurveyAnswer edges = new SurveyAnswer(1, 0, false, "  line one\nline two  ", "ja");
        assertEquals("line one\nline two", edges.comment());
        assertTrue(edges.detractor());
        assertTrue(new SurveyAnswer(5, 10, true, null, null).promoter());
        assertFalse(new SurveyAnswer(5, 8, true, null, null).promoter());
        assertFalse(new SurveyAnswer(5, 7, true, null, null).detractor());
    }

    @ParameterizedTest(name = "exists={0} surveyed={1} answered={2} now={3}: {4}")
    @CsvSource(nullValues = "-", value = {
            "false, false, false, 2026-11-30T00:00:00Z, UNKNOWN",
            "true,  false, false, 2026-11-30T00:00:00Z, NOT_SURVEYED",
            "true,  true,  true,  2026-11-30T00:00:00Z, ALREADY_ANSWERED",
            "true,  true,  false, 2026-12-06T10:00:00Z, EXPIRED",
            "true,  true,  false, 2026-12-06T09:59:59Z, -"})
    void anAnswerIsTakenOnceAndBeforeTheExpiry(boolean exists, boolean surveyed, boolean answered, String now, SurveyAcceptance.Refusal refusal) {
        Optional<SurveyAcceptance.Refusal> result = SurveyAcceptance.check(exists, surveyed, answered,
                Instant.parse("2026-12-06T10:00:00Z"), Instant.parse(now));
        assertEquals(Optional.ofNullable(refusal), result);
    }

    @ParameterizedTest(name = "csat={0} nps={1} comment={2}: flagged={3}")
    @CsvSource(nullValues = "-", value = {
            "1, -, -, true",
            "2, 10, -, true",
            "3, -, -, false",
            "5, 6, slow and rude, true",
            "5, 6, -, false",
            "-, 7, awful, false",
            "-, 0, awful, true"})
    void lowSatisfactionByPolicy(Integer csat, Integer nps, String comment, boolean flagged) {
        LowSatisfactionPolicy policy = LowSatisfactionPolicy.parse("csat-at-most=2;nps-at-most=6;nps-needs-comment=true;reopen=true");
        Optional<LowSatisfactionPolicy.Flag> flag = policy.assess(new SurveyAnswer(csat, nps, null, comment, null));
        assertEquals(flagged, flag.isPresent());
        flag.ifPresent(f -> assertTrue(f.reopenRequested()));
    }

    @Test
    void theNpsRuleCanDoWithoutAComplaint() {
        LowSatisfactionPolicy policy = LowSatisfactionPolicy.parse("csat-at-most=2;nps-at-most=6;nps-needs-comment=false;reopen=false");
        LowSatisfactionPolicy.Flag flag = policy.assess(new SurveyAnswer(null, 6, null, null, null)).orElseThrow();
        assertEquals("nps 6 <= 6", flag.reason());
        assertFalse(flag.reopenRequested());
    }
}
