package io.switchboard.intake.domain;

import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.Urgency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PriorityMatrixTest {

    /** The defaults as application.properties entries would give them. */
    static Map<String, String> defaultEntries() {
        Map<String, String> entries = new HashMap<>();
        entries.put("extensive.critical", "P1");
        entries.put("extensive.high", "P1");
        entries.put("extensive.medium", "P2");
        entries.put("extensive.low", "P3");
        entries.put("significant.critical", "P1");
        entries.put("significant.high", "P2");
        entries.put("significant.medium", "P2");
        entries.put("significant.low", "P3");
        entries.put("moderate.critical", "P2");
        entries.put("moderate.high", "P2");
        entries.put("moderate.medium", "P3");
        entries.put("moderate.low", "P4");
        entries.put("minor.critical", "P3");
        entries.put("minor.high", "P3");
        entries.put("minor.medium", "P4");
        entries.put("minor.low", "P4");
        return entries;
    }

    @ParameterizedTest(name = "{0} x {1} = {2}")
    @CsvSource({
            "EXTENSIVE, CRITICAL, P1", "EXTENSIVE, HIGH, P1", "EXTENSIVE, MEDIUM, P2", "EXTENSIVE, LOW, P3",
            "SIGNIFICANT, CRITICAL, P1", "SIGNIFICANT, HIGH, P2", "SIGNIFICANT, MEDIUM, P2", "SIGNIFICANT, LOW, P3",
            "MODERATE, CRITICAL, P2", "MODERATE, HIGH, P2", "MODERATE, MEDIUM, P3", "MODERATE, LOW, P4",
            "MINOR, CRITICAL, P3", "MINOR, HIGH, P3", "MINOR, MEDIUM, P4", "MINOR, LOW, P4"})
    void defaultCell(Impact impact, Urgency urgency, Priority expected) {
        assertEquals(expected, PriorityMatrix.defaults().priorityOf(impact, urgency));
    }

    @Test
    void parsingTheDefaultEntriesGivesTheDefaults() {
        assertEquals(PriorityMatrix.defaults(), PriorityMatrix.parse(defaultEntries()));
    }

    @Test
    void parsingIgnoresCaseAndSpaces() {
        Map<String, String> entries = defaultEntries();
        entries.remove("minor.low");
        entries.put(" MINOR.Low ", " p1 ");
        assertEquals(Priority.P1, PriorityMatrix.parse(entries).priorityOf(Impact.MINOR, Urgency.LOW));
    }

    @Test
    void aMissingCellIsNamed() {
        Map<String, String> entries = defaultEntries();
        entries.remove("minor.low");
        var error = assertThrows(IllegalArgumentException.class, () -> PriorityMatrix.parse(entries));
        assertEquals("priority matrix has no priority for impact MINOR x urgency LOW (minor.low)", error.getMessage());
    }

    @Test
    void anUnknownUrgencyNamesTheEntry() {
        Map<String, String> entries = defaultEntries();
        entries.put("extensive.urgent", "P1");
        var error = assertThrows(IllegalArgumentException.class, () -> PriorityMatrix.parse(entries));
        assertEquals("priority matrix entry 'extensive.urgent': unknown urgency 'urgent'; expected one of CRITICAL, HIGH, MEDIUM, LOW",
                error.getMessage());
    }

    @Test
    void anUnknownImpactNamesTheEntry() {
        Map<String, String> entries = defaultEntries();
        entries.put("huge.low", "P1");
        var error = assertThrows(IllegalArgumentException.class, () -> PriorityMatrix.parse(entries));
        assertEquals("priority matrix entry 'huge.low': unknown impact 'huge'; expected one of EXTENSIVE, SIGNIFICANT, MODERATE, MINOR",
                error.getMessage());
    }

    @Test
    void aBadPriorityNamesTheEntryAndTheValue() {
        Map<String, String> entries = defaultEntries();
        entries.put("minor.low", "P5");
        var error = assertThrows(IllegalArgumentException.class, () -> PriorityMatrix.parse(entries));
        assertEquals("priority matrix entry 'minor.low': unknown priority 'P5'; expected one of P1, P2, P3, P4", error.getMessage());
    }

    @Test
    void unknownIsNotAPriorityWeGive() {
        Map<String, String> entries = defaultEntries();
        entries.put("minor.low", "UNKNOWN");
        var error = assertThrows(IllegalArgumentException.class, () -> PriorityMatrix.parse(entries));
        assertEquals("priority matrix entry 'minor.low': unknown priority 'UNKNOWN'; expected one of P1, P2, P3, P4", error.getMessage());
    }

    @Test
    void aKeyWithoutBothAxesIsRefused() {
        Map<String, String> entries = defaultEntries();
        entries.put("extensive", "P1");
        var error = assertThrows(IllegalArgumentException.class, () -> PriorityMatrix.parse(entries));
        assertEquals("priority matrix entry 'extensive': expected impact.urgency, e.g. extensive.critical", error.getMessage());
    }

    @Test
    void aCellGivenTwiceIsRefused() {
        Map<String, String> entries = defaultEntries();
        entries.put("Minor.Low", "P3");
        var error = assertThrows(IllegalArgumentException.class, () -> PriorityMatrix.parse(entries));
        assertEquals("cell minor.low is given twice", error.getMessage().substring(error.getMessage().indexOf("cell")));
    }

    @Test
    void theConstructorNamesAMissingRow() {
        Map<Impact, Map<Urgency, Priority>> cells = new EnumMap<>(PriorityMatrix.defaults().cells());
        cells.remove(Impact.MODERATE);
        var error = assertThrows(IllegalArgumentException.class, () -> new PriorityMatrix(cells));
        assertEquals("priority matrix has no priority for impact MODERATE x urgency CRITICAL (moderate.critical)", error.getMessage());
    }

    @Test
    void unknownInputHasNoPriority() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> PriorityMatrix.defaults().priorityOf(Impact.UNKNOWN, Urgency.LOW));
        assertEquals("impact must not be UNKNOWN", error.getMessage());
    }

    @Test
    void cellsCannotBeChanged() {
        var cells = PriorityMatrix.defaults().cells();
        assertThrows(UnsupportedOperationException.class, () -> cells.get(Impact.MINOR).put(Urgency.LOW, Priority.P1));
    }
}
