package io.switchboard.intake.domain;

import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Severity;
import io.switchboard.contracts.common.Urgency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SeverityMappingTest {

    static Map<String, String> defaultEntries() {
        return new HashMap<>(Map.of(
                "critical", "extensive/critical",
                "error", "significant/high",
                "warning", "moderate/medium",
                "info", "minor/low"));
    }

    @ParameterizedTest(name = "{0} -> {1} x {2}")
    @CsvSource({"CRITICAL, EXTENSIVE, CRITICAL", "ERROR, SIGNIFICANT, HIGH", "WARNING, MODERATE, MEDIUM", "INFO, MINOR, LOW"})
    void defaults(Severity severity, Impact impact, Urgency urgency) {
        assertEquals(new SeverityMapping.Assessment(impact, urgency), SeverityMapping.defaults().of(severity));
    }

    @Test
    void parsingTheDefaultEntriesGivesTheDefaults() {
        assertEquals(SeverityMapping.defaults(), SeverityMapping.parse(defaultEntries()));
    }

    @Test
    void parsingIgnoresCase() {
        Map<String, String> entries = defaultEntries();
        entries.put("info", " Moderate / LOW ");
        assertEquals(new SeverityMapping.Assessment(Impact.MODERATE, Urgency.LOW), SeverityMapping.parse(entries).of(Severity.INFO));
    }

    @Test
    void aMissingSeverityIsNamed() {
        Map<String, String> entries = defaultEntries();
        entries.remove("info");
        var error = assertThrows(IllegalArgumentException.class, () -> SeverityMapping.parse(entries));
        assertEquals("severity mapping has no impact and urgency for severity INFO", error.getMessage());
    }

    @Test
    void aValueWithoutBothAxesNamesTheEntry() {
        Map<String, String> entries = defaultEntries();
        entries.put("warning", "moderate");
        var error = assertThrows(IllegalArgumentException.class, () -> SeverityMapping.parse(entries));
        assertEquals("severity mapping entry 'warning': expected impact/urgency, e.g. extensive/critical, got 'moderate'",
                error.getMessage());
    }

    @Test
    void anUnknownSeverityNamesTheEntry() {
        Map<String, String> entries = defaultEntries();
        entries.put("page", "extensive/critical");
        var error = assertThrows(IllegalArgumentException.class, () -> SeverityMapping.parse(entries));
        assertEquals("severity mapping entry 'page': unknown severity 'page'; expected one of CRITICAL, ERROR, WARNING, INFO",
                error.getMessage());
    }

    @Test
    void anUnknownUrgencyNamesTheEntry() {
        Map<String, String> entries = defaultEntries();
        entries.put("error", "significant/soon");
        var error = assertThrows(IllegalArgumentException.class, () -> SeverityMapping.parse(entries));
        assertEquals("severity mapping entry 'error': unknown urgency 'soon'; expected one of CRITICAL, HIGH, MEDIUM, LOW",
                error.getMessage());
    }
}
