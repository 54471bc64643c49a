package io.switchboard.intake.domain;

import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.SupportLevel;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupportLevelsTest {

    @Test
    void byDefaultL1AndL3ForEveryEmergency() {
        SupportLevels levels = SupportLevels.defaults();
        assertEquals(SupportLevel.L1, levels.initial(false, null));
        assertEquals(SupportLevel.L3, levels.initial(true, EmergencyLevel.LEVEL_1));
        assertEquals(SupportLevel.L3, levels.initial(true, EmergencyLevel.LEVEL_3));
        assertEquals(SupportLevel.L3, levels.initial(true, null), "an emergency nobody could class yet");
    }

    @Test
    void configurationOverridesSomeLevelsAndKeepsTheRest() {
        SupportLevels levels = SupportLevels.parse(Map.of("LEVEL_3", "L2", "unclassified-emergency", "l2"));
        assertEquals(SupportLevel.L2, levels.initial(true, EmergencyLevel.LEVEL_3));
        assertEquals(SupportLevel.L3, levels.initial(true, EmergencyLevel.LEVEL_2));
        assertEquals(SupportLevel.L2, levels.initial(true, null));
        assertEquals(SupportLevel.L1, levels.initial(false, null));
    }

    @Test
    void refusesUnknownEntriesAndLevels() {
        var unknownKey = assertThrows(IllegalArgumentException.class, () -> SupportLevels.parse(Map.of("LEVEL_9", "L3")));
        assertTrue(unknownKey.getMessage().contains("LEVEL_9"), unknownKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SupportLevels.parse(Map.of("standard", "L7")));
    }
}
