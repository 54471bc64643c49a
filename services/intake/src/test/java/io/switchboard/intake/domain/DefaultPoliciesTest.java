package io.switchboard.intake.domain;

import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.contracts.common.Urgency;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The defaults file is the one place of every default: each section is read by its policy's own parser. */
class DefaultPoliciesTest {

    @Test
    void theFileHoldsExactlyThePoliciesIntakeKnows() {
        assertEquals(Set.of("priority-matrix", "severity", "categories", "emergency", "fallbacks", "support-levels", "ivr"),
                DefaultPolicies.sections().keySet());
    }

    @Test
    void eachDefaultIsItsSectionParsedLikeAnOperatorsConfiguration() {
        assertEquals(PriorityMatrix.parse(DefaultPolicies.section("priority-matrix")), PriorityMatrix.defaults());
        assertEquals(Priority.P1, PriorityMatrix.defaults().priorityOf(Impact.EXTENSIVE, Urgency.CRITICAL));
        assertEquals(Priority.P4, PriorityMatrix.defaults().priorityOf(Impact.MINOR, Urgency.LOW));
        assertEquals(EmergencyLevel.LEVEL_1, EmergencyRules.defaults().match("infrastructure.datacenter").orElseThrow().level());
        assertEquals("technical.ecs", IvrMenu.defaults().resolve("21").category());
        assertEquals("emergency", IvrMenu.defaults().emergency().category());
    }

    @Test
    void anIvrMenuWithoutEmergencyOrFallbackOptionsTakesTheDefaultMenusOnes() {
        IvrMenu menu = IvrMenu.parse(Map.of("emergency-key", "0", "1", "category=business.account;label=account"));
        assertEquals(IvrMenu.defaults().emergency(), menu.emergency());
        assertEquals(IvrMenu.defaults().fallback(), menu.fallback());
    }

    @Test
    void supportLevelsOverrideEntryByEntry() {
        SupportLevels levels = SupportLevels.parse(Map.of("LEVEL_3", "L2"));
        assertEquals(SupportLevel.L2, levels.initial(true, EmergencyLevel.LEVEL_3));
        assertEquals(SupportLevel.L3, levels.initial(true, EmergencyLevel.LEVEL_1), "the other classes keep their default");
        assertEquals(SupportLevel.L1, levels.initial(false, null));
    }

    @Test
    void aPolicyMissingFromTheFileIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DefaultPolicies.section("calendars"));
        assertEquals("default-policies.properties has no entries for policy 'calendars'", e.getMessage());
    }
}
