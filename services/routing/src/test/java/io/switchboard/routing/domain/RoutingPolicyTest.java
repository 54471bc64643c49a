package io.switchboard.routing.domain;

import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped defaults of domain.md, the rule tables and how bad entries are refused. */
class RoutingPolicyTest {

    private static final RoutingPolicy DEFAULTS = RoutingPolicy.defaults();

    private static RoutingTicket ticket(String category, Priority priority, boolean emergency, String skill) {
        return new RoutingTicket("T", "c", CustomerTier.STANDARD, "en", skill, category, null, priority, emergency,
                emergency ? EmergencyLevel.LEVEL_2 : null, SupportLevel.L1, null, null, null, Instant.EPOCH, Set.of());
    }

    @ParameterizedTest(name = "{0} {1} emergency={2} needs {3} at {4}")
    @CsvSource({
            "technical.databases, P1, false, SYSTEM_FAULTS, L2",
            "technical.databases, P2, false, SYSTEM_FAULTS, L2",
            "technical.databases, P3, false, BASIC_OPERATIONS, L1",
            "technical.ecs, P4, false, BASIC_OPERATIONS, L1",
            "technical.data-migration, P4, false, ARCHITECTURE, L2",
            "security.data-leak, P3, false, SYSTEM_FAULTS, L2",
            "business.developer-support, P3, false, CUSTOM_SOLUTIONS, L2",
            "billing.invoice, P1, false, BASIC_OPERATIONS, L1",
            "api.core-unavailable, P1, true, SYSTEM_FAULTS, L3"})
    void requirementTable(String category, Priority priority, boolean emergency, Certification certification, SupportLevel level) {
        Requirement r = DEFAULTS.requirements().requirementFor(ticket(category, priority, emergency, null));
        assertEquals(certification, r.certification());
        assertEquals(level, r.level());
    }

    @ParameterizedTest(name = "{0} (skill {1}) asks for {2}")
    @CsvSource(nullValues = "-", value = {
            "technical.databases, -, databases",
            "technical.ecs, -, servers",
            "billing.dispute, -, billing",
            "business.account, -, accounts",
            "service.knowledge-base, -, general",
            "general, databases, databases"})
    void skillTable(String category, String skill, String expected) {
        assertEquals(expected, DEFAULTS.skills().skillFor(ticket(category, Priority.P3, false, skill)));
    }

    @Test
    void domainDefaults() {
        assertEquals(AfterHours.FOLLOW_THE_SUN, DEFAULTS.afterHours());
        assertEquals(Set.of(CustomerTier.VIP, CustomerTier.ENTERPRISE), DEFAULTS.dedicatedManagerTiers());
        assertEquals(0.5, DEFAULTS.holidayExtraSeats());
        assertEquals(30, DEFAULTS.answerTargetSeconds("en"));
        assertEquals(45, DEFAULTS.answerTargetSeconds("ja"));
        assertEquals(60, DEFAULTS.answerTargetSeconds("ar"));
        assertEquals(45, DEFAULTS.answerTargetSeconds("zh"));
        assertEquals(Duration.ofMinutes(8), DEFAULTS.handlingTime());
        assertEquals(72, DEFAULTS.horizonHours());
    }

    @Test
    void configurationOverridesEntryByEntry() {
        RoutingPolicy p = RoutingPolicy.parse(Map.of("after-hours", "wait", "answer-target.zh", "20",
                "requirement.technical.databases", "certification=ARCHITECTURE;level=L2"));
        assertEquals(AfterHours.WAIT, p.afterHours());
        assertEquals(20, p.answerTargetSeconds("zh"));
        assertEquals(30, p.answerTargetSeconds("en"));
        assertEquals(Certification.ARCHITECTURE,
                p.requirements().requirementFor(ticket("technical.databases", Priority.P4, false, null)).certification());
        assertEquals(Certification.SYSTEM_FAULTS,
                p.requirements().requirementFor(ticket("technical.ecs", Priority.P1, false, null)).certification());
    }

    @ParameterizedTest(name = "{0}={1} is refused naming {2}")
    @CsvSource(delimiter = '|', value = {
            "after-hours|sometimes|after-hours",
            "holiday-extra-seats|lots|holiday-extra-seats",
            "holiday-extra-seats|-1|holiday-extra-seats",
            "answer-target.en|0|answer-target.en",
            "forecast.handling-time|8 minutes|forecast.handling-time",
            "forecast.service-level|1.5|forecast.service-level",
            "requirement.technical.x|certification=WIZARD;level=L2|certification",
            "requirement.technical.x|level=L2|certification",
            "requirement.tech*nical|certification=ARCHITECTURE;level=L2|category pattern",
            "dedicated-manager-tiers|VIP,GOLD|dedicated-manager-tiers"})
    void refusesBadEntries(String key, String value, String named) {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> RoutingPolicy.parse(Map.of(key, value)));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void theQueueServesEmergenciesThenPriorityThenAge() {
        Instant t = Instant.parse("2026-11-30T02:00:00Z");
        QueuedTicket oldP3 = new QueuedTicket("old-p3", false, Priority.P3, t);
        QueuedTicket newP1 = new QueuedTicket("new-p1", false, Priority.P1, t.plusSeconds(60));
        QueuedTicket oldP1 = new QueuedTicket("old-p1", false, Priority.P1, t.plusSeconds(30));
        QueuedTicket emergencyP2 = new QueuedTicket("emergency", true, Priority.P2, t.plusSeconds(120));
        List<QueuedTicket> queue = new ArrayList<>(List.of(oldP3, newP1, emergencyP2, oldP1));
        queue.sort(QueuedTicket.ORDER);
        assertEquals(List.of("emergency", "old-p1", "new-p1", "old-p3"), queue.stream().map(QueuedTicket::ticketId).toList());
    }
}
