package io.switchboard.routing.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AgentPickerTest {

    private static Agent agent(String id, int capacity, int load, String lastAssigned) {
        return new Agent(id, id, "beijing", Set.of("en"), Map.of(), Set.of(), Set.of("g"), capacity, load, Presence.AVAILABLE,
                lastAssigned == null ? null : Instant.parse(lastAssigned), Set.of(), false);
    }

    // a: 1 of 2 (50%), assigned 10:00; b: 1 of 4 (25%), assigned 09:00; c: 0 of 1, assigned 11:00
    private static final List<Agent> ABLE = List.of(
            agent("a", 2, 1, "2026-11-30T10:00:00Z"),
            agent("b", 4, 1, "2026-11-30T09:00:00Z"),
            agent("c", 1, 0, "2026-11-30T11:00:00Z"));

    @ParameterizedTest(name = "{0} after {1} picks {2}")
    @CsvSource(nullValues = "-", value = {
            "LEAST_LOADED, -, c",
            "LONGEST_IDLE, -, b",
            "ROUND_ROBIN, -, a",
            "ROUND_ROBIN, a, b",
            "ROUND_ROBIN, b, c",
            "ROUND_ROBIN, c, a"})
    void picks(AgentStrategy strategy, String lastPicked, String expected) {
        assertEquals(expected, AgentPicker.pick(strategy, ABLE, lastPicked).orElseThrow().id());
    }
}
