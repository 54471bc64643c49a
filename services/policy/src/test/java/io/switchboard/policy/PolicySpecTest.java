package io.switchboard.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PolicySpecTest {

    @Test
    void readsNamesCaseInsensitivelyInOrder() {
        Map<String, String> read = PolicySpec.attributes(" Category = technical.ecs ;skill=servers; ", List.of("category", "skill"), "ivr.21");
        assertEquals(List.of("category", "skill"), List.copyOf(read.keySet()));
        assertEquals("technical.ecs", read.get("category"));
        assertEquals("servers", read.get("skill"));
    }

    @Test
    void acceptsAnyNameWhenNoneAreListed() {
        assertEquals(Map.of("anything", "1"), PolicySpec.attributes("anything=1", null, "x"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "''|ivr.21: is empty",
            "category|ivr.21: 'category' is not name=value",
            "category=|ivr.21: 'category=' needs both a name and a value",
            "colour=red|ivr.21: unknown attribute 'colour'; expected category, skill",
            "skill=a;SKILL=b|ivr.21: attribute 'skill' is given twice"})
    void refusesWithTheEntryNamed(String spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicySpec.attributes(spec, List.of("category", "skill"), "ivr.21"));
        assertEquals(message, e.getMessage());
    }
}
