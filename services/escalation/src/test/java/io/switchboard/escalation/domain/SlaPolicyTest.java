package io.switchboard.escalation.domain;

import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Priority;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy format and the defaults of domain.md. */
class SlaPolicyTest {

    static final SlaPolicy DEFAULTS = SlaPolicy.defaults("desk", Instant.EPOCH);

    @ParameterizedTest
    @CsvSource({
            // priority, tier, metric, target, basis
            "P1, ENTERPRISE, FIRST_RESPONSE, PT15M, TWENTY_FOUR_SEVEN",
            "P1, ENTERPRISE, NEXT_UPDATE, PT1H, TWENTY_FOUR_SEVEN",
            "P3, STANDARD, FIRST_RESPONSE, PT15M, BUSINESS_HOURS",
            "P3, STANDARD, L1_BUDGET, PT30M, BUSINESS_HOURS",
            "P3, STANDARD, EXPERT_JOIN, PT2H, BUSINESS_HOURS",
            "P2, VIP, RESOLUTION, PT8H, EXTENDED_7X12",
            "P4, VIP, FIRST_RESPONSE, PT15M, EXTENDED_7X12",
    })
    void theDefaultsAreDomainMd(Priority priority, CustomerTier tier, Metric metric, Duration target, TimeBasis basis) {
        SlaTerms terms = DEFAULTS.termsFor(priority, tier, "technical.ecs", "Europe/Berlin");
        assertEquals(target, terms.targets().get(metric));
        assertEquals(basis, terms.basis());
        assertEquals(java.util.List.of(75, 90), DEFAULTS.warningPercents());
        assertEquals(Duration.ofHours(1), DEFAULTS.progressInterval());
        assertEquals(Duration.ofHours(4), DEFAULTS.compensationReviewAfter());
    }

    @Test
    void theCustomersZoneCountsWhenTheRuleSaysSo() {
        SlaTerms terms = DEFAULTS.termsFor(Priority.P3, CustomerTier.STANDARD, "x", "Europe/Berlin");
        assertEquals("Europe/Berlin", terms.calendar().zone().getId());
        assertEquals("Asia/Shanghai", DEFAULTS.termsFor(Priority.P3, CustomerTier.STANDARD, "x", null).calendar().zone().getId());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rule.P1.*|first-response=soon|rule.P1.* first-response: 'soon' is not a duration",
            "rule.P9.*|first-response=15m|unknown Priority 'P9'",
            "rule.*.*|first-response=15m; basis=business; calendar=nowhere|calendar 'nowhere' is not defined",
            "warnings|75,120|warnings: '120' is not a percentage",
            "calendar.office|zone=Mars/Base; mon=09:00-17:00|calendar.office:",
            "colour|blue|colour: unknown entry",
    })
    void aBadEntryIsRefusedByName(String name, String value, String message) {
        Map<String, String> entries = new LinkedHashMap<>(ClockRulesTest.entries());
        entries.put(name, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SlaPolicy.parse("desk", 2, Instant.EPOCH, entries));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aPolicyNeedsACatchAllRule() {
        Map<String, String> entries = new LinkedHashMap<>(ClockRulesTest.entries());
        entries.remove("rule.*.*");
        assertThrows(IllegalArgumentException.class, () -> SlaPolicy.parse("desk", 2, Instant.EPOCH, entries));
    }
}
