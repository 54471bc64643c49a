package io.switchboard.routing.domain;

import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.switchboard.routing.domain.DeskFixture.*;
import static io.switchboard.routing.domain.RoutingDecision.Outcome.ASSIGNED;
import static io.switchboard.routing.domain.RoutingDecision.Outcome.QUEUED;
import static io.switchboard.routing.domain.RoutingDecision.Outcome.UNROUTABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routing decision, case by case, on the fixture desk with the default policies. */
class RouterTest {

    private static final Router FOLLOW_THE_SUN = new Router(RoutingPolicy.defaults());
    private static final Router WAIT = new Router(RoutingPolicy.defaults().withAfterHours(AfterHours.WAIT));

    record Case(String name, Router router, RoutingTicket ticket, Desk desk, Instant now,
                RoutingDecision.Outcome outcome, String group, String agent, DecisionRule rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        RoutingTicket dbFault = ticket("technical.databases", "databases", "en", CustomerTier.ENTERPRISE, Priority.P1);
        RoutingTicket japaneseServers = ticket("technical.ecs", "servers", "ja", CustomerTier.STANDARD, Priority.P3);
        RoutingTicket billingEn = ticket("billing.invoice", null, "en", CustomerTier.STANDARD, Priority.P3);
        RoutingTicket billingZh = ticket("billing.invoice", null, "zh", CustomerTier.STANDARD, Priority.P3);
        return Stream.of(
                new Case("an enterprise database fault (P1) reaches a database expert certified for system faults, not L1 general",
                        FOLLOW_THE_SUN, dbFault, desk(), BEIJING_DAY, ASSIGNED, "bj-databases-l2", "db-expert-1", DecisionRule.SKILL_MATCH),
                new Case("a P4 database question stays at L1 databases, not the experts",
                        FOLLOW_THE_SUN, ticket("technical.databases", "databases", "en", CustomerTier.ENTERPRISE, Priority.P4), desk(), BEIJING_DAY,
                        ASSIGNED, "bj-databases-l1", "db-basic-1", DecisionRule.SKILL_MATCH),
                new Case("a Japanese-line call reaches a Japanese-speaking agent",
                        FOLLOW_THE_SUN, japaneseServers, desk(), BEIJING_DAY, ASSIGNED, "sg-servers-l1", "sg-ja-1", DecisionRule.SKILL_MATCH),
                new Case("a night-time billing question follows the sun to an open centre, never the emergency group",
                        FOLLOW_THE_SUN, billingEn, desk(), BEIJING_NIGHT, ASSIGNED, "fra-billing-l1", "bill-fra-1", DecisionRule.FOLLOW_THE_SUN),
                new Case("under the wait policy the night-time billing question waits for its group's opening",
                        WAIT, billingEn, desk(), BEIJING_NIGHT, QUEUED, "bj-billing-l1", null, DecisionRule.SKILL_MATCH),
                new Case("a Chinese billing question at night finds no open centre speaking Chinese and waits",
                        FOLLOW_THE_SUN, billingZh, desk(), BEIJING_NIGHT, QUEUED, "bj-billing-l1", null, DecisionRule.SKILL_MATCH),
                new Case("night everywhere: it waits in the group that opens first",
                        FOLLOW_THE_SUN, billingEn, desk(), NIGHT_EVERYWHERE, QUEUED, "bj-billing-l1", null, DecisionRule.SKILL_MATCH),
                new Case("the same hour's emergency reaches a live agent of the emergency group",
                        FOLLOW_THE_SUN, emergency("infrastructure.datacenter", "en"), desk(), BEIJING_NIGHT, ASSIGNED, "bj-emergency-l3", "emg-1", DecisionRule.EMERGENCY),
                new Case("an emergency under the wait policy still reaches a live agent",
                        WAIT, emergency("infrastructure.datacenter", "zh"), desk(), NIGHT_EVERYWHERE, ASSIGNED, "bj-emergency-l3", "emg-1", DecisionRule.EMERGENCY),
                new Case("an emergency in a language no emergency group speaks still reaches a live agent",
                        FOLLOW_THE_SUN, emergency("infrastructure.datacenter", "ar"), desk(), BEIJING_DAY, ASSIGNED, "bj-emergency-l3", "emg-1", DecisionRule.EMERGENCY),
                new Case("a VIP reaches their dedicated manager",
                        FOLLOW_THE_SUN, vip("vip-1"), desk(), BEIJING_DAY, ASSIGNED, "bj-general-l1", "mgr-1", DecisionRule.DEDICATED_MANAGER),
                new Case("a VIP whose manager is away reaches the group",
                        FOLLOW_THE_SUN, vip("vip-1"), desk(a -> a.id().equals("mgr-1") ? a.withPresence(Presence.AWAY) : a), BEIJING_DAY,
                        ASSIGNED, "bj-general-l1", "gen-1", DecisionRule.SKILL_MATCH),
                new Case("a VIP whose manager is full reaches the group",
                        FOLLOW_THE_SUN, vip("vip-1"), desk(a -> a.id().equals("mgr-1") ? a.withLoad(2) : a), BEIJING_DAY,
                        ASSIGNED, "bj-general-l1", "gen-1", DecisionRule.SKILL_MATCH),
                new Case("a standard customer listed by a manager is not taken to them",
                        FOLLOW_THE_SUN, new RoutingTicket("T-S", "vip-1", CustomerTier.STANDARD, "zh", null, "business.product-usage", null,
                        Priority.P3, false, null, SupportLevel.L1, null, null, null, BEIJING_DAY, Set.of()), desk(a -> a.id().equals("gen-1") ? a.withLoad(2) : a),
                        BEIJING_DAY, ASSIGNED, "bj-general-l1", "mgr-1", DecisionRule.SKILL_MATCH),
                new Case("every agent full: the ticket waits in its group's queue",
                        FOLLOW_THE_SUN, dbFault, desk(a -> a.withLoad(a.capacity())), BEIJING_DAY, QUEUED, "bj-databases-l2", null, DecisionRule.SKILL_MATCH),
                new Case("an escalation to L3 goes to the emergency group",
                        FOLLOW_THE_SUN, withLevel(billingZh, SupportLevel.L3), desk(), BEIJING_NIGHT, ASSIGNED, "bj-emergency-l3", "emg-1", DecisionRule.EMERGENCY),
                new Case("a language no group speaks is unroutable, and says so",
                        FOLLOW_THE_SUN, ticket("technical.ecs", "servers", "ko", CustomerTier.STANDARD, Priority.P3), desk(), BEIJING_DAY, UNROUTABLE, null, null, DecisionRule.SKILL_MATCH)
        );
    }

    static RoutingTicket withLevel(RoutingTicket t, SupportLevel level) {
        return new RoutingTicket(t.id(), t.customerId(), t.tier(), t.language(), t.skill(), t.category(), t.product(), t.priority(),
                t.emergency(), t.emergencyLevel(), level, t.accountManagerId(), t.region(), t.customerTimeZone(), t.openedAt(), t.declinedBy());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        RoutingDecision d = c.router().route(c.ticket(), c.desk(), c.now(), null);
        assertEquals(c.outcome(), d.outcome(), d.reason());
        assertEquals(c.group(), d.groupId(), d.reason());
        assertEquals(c.agent(), d.agentId(), d.reason());
        assertEquals(c.rule(), d.rule(), d.reason());
        assertTrue(d.reason() != null && !d.reason().isBlank());
        if (!c.ticket().emergency() && c.ticket().level() != SupportLevel.L3) {
            assertNotEquals("bj-emergency-l3", d.groupId(), "non-emergency work never reaches the emergency group");
        }
    }

    @Test
    void theDatabaseFaultNeedsSystemFaultsAtL2AndSaysWhichRuleSaidSo() {
        RoutingDecision d = FOLLOW_THE_SUN.route(ticket("technical.databases", "databases", "en", CustomerTier.ENTERPRISE, Priority.P2), desk(), BEIJING_DAY, null);
        assertEquals(new Requirement(Certification.SYSTEM_FAULTS, SupportLevel.L2, "technical.*/P1,P2"), d.requirement());
        assertTrue(d.skipped().contains(Skip.group("bj-databases-l1", SkipReason.WRONG_LEVEL)), d.skipped().toString());
    }

    @Test
    void waitingUntilTheGroupOpensNamesTheOpening() {
        RoutingDecision d = WAIT.route(ticket("billing.invoice", null, "en", CustomerTier.STANDARD, Priority.P3), desk(), BEIJING_NIGHT, null);
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), d.waitUntil(), "08:00 in Beijing");
        assertTrue(d.skipped().contains(Skip.group("fra-billing-l1", SkipReason.NOT_HOME_CENTRE)), d.skipped().toString());
        assertTrue(d.skipped().contains(Skip.group("bj-billing-l1", SkipReason.CLOSED_HOURS)), d.skipped().toString());
    }

    @Test
    void anEscalationNamesItsRule() {
        RoutingTicket escalated = withLevel(ticket("technical.databases", "databases", "en", CustomerTier.STANDARD, Priority.P3), SupportLevel.L2);
        RoutingDecision d = FOLLOW_THE_SUN.route(escalated, desk(), BEIJING_DAY, DecisionRule.ESCALATION);
        assertEquals("bj-databases-l2", d.groupId());
        assertEquals(DecisionRule.ESCALATION, d.rule());
    }

    @Test
    void aTransferToAGroupTakesAnAgentThereByItsStrategyOrItsQueue() {
        RoutingTicket billing = ticket("billing.invoice", null, "en", CustomerTier.STANDARD, Priority.P3);
        RoutingDecision d = FOLLOW_THE_SUN.routeWithin(BILLING_FRA, billing, desk(), BEIJING_DAY);
        assertEquals(ASSIGNED, d.outcome());
        assertEquals("bill-fra-1", d.agentId());
        assertEquals(DecisionRule.MANUAL, d.rule());
        RoutingDecision full = FOLLOW_THE_SUN.routeWithin(BILLING_FRA, billing, desk(a -> a.withLoad(3)), BEIJING_DAY);
        assertEquals(QUEUED, full.outcome());
        assertEquals("fra-billing-l1", full.groupId());
    }

    @Test
    void onAHolidayTheTemporarySeatsTakeWorkWhenTheRegularsAreFull() {
        HolidayPlan plan = FOLLOW_THE_SUN.holidayPlan();
        assertEquals(2, plan.extraSeats(4));
        assertEquals(2, plan.extraSeats(3), "50% more, rounded up");
        assertEquals(0, plan.extraSeats(0));
        List<Agent> seats = plan.temporarySeats(BILLING_BJ, List.of(agent("b1", BILLING_BJ, Set.of("zh", "en"), 4),
                agent("b2", BILLING_BJ, Set.of("zh", "en"), 4)));
        assertEquals(1, seats.size());
        assertEquals(4, seats.get(0).capacity(), "the usual per-agent capacity");
        assertTrue(seats.get(0).temporary());

        List<Agent> all = new java.util.ArrayList<>(agents().stream().map(a -> a.id().equals("bill-bj-1") ? a.withLoad(3) : a).toList());
        all.addAll(seats);
        Desk desk = Desk.of(List.of(BILLING_BJ, BILLING_FRA, EMERGENCY), all);
        RoutingTicket billing = ticket("billing.invoice", null, "zh", CustomerTier.STANDARD, Priority.P3);
        RoutingDecision holiday = FOLLOW_THE_SUN.route(billing, desk, BEIJING_HOLIDAY, null);
        assertEquals(seats.get(0).id(), holiday.agentId(), holiday.reason());

        RoutingDecision ordinaryDay = FOLLOW_THE_SUN.route(billing, desk, BEIJING_DAY, null);
        assertEquals(QUEUED, ordinaryDay.outcome(), "a holiday seat is off duty on other days");
        assertTrue(ordinaryDay.skipped().contains(Skip.agent(seats.get(0).id(), SkipReason.OFFLINE)));
    }

    record SkipCase(String name, SkipReason reason, Router router, RoutingTicket ticket, Desk desk, Instant now, Skip expected) {
        @Override
        public String toString() {
            return reason + ": " + name;
        }
    }

    static Stream<SkipCase> skipCases() {
        RoutingTicket dbFault = ticket("technical.databases", "databases", "en", CustomerTier.ENTERPRISE, Priority.P1);
        RoutingTicket japanese = ticket("technical.ecs", "servers", "ja", CustomerTier.STANDARD, Priority.P3);
        RoutingTicket billing = ticket("billing.invoice", null, "en", CustomerTier.STANDARD, Priority.P3);
        SkillGroup productGroup = new SkillGroup("bj-databases-rds", "rds", "databases", Set.of("rds"), Set.of("en"), Certification.SYSTEM_FAULTS,
                SupportLevel.L2, Set.of(), BEIJING, DB_L2.hours(), AgentStrategy.LEAST_LOADED, false);
        SkillGroup vipOnly = new SkillGroup("bj-databases-vip", "vip", "databases", Set.of(), Set.of("en"), Certification.SYSTEM_FAULTS,
                SupportLevel.L2, Set.of(CustomerTier.VIP), BEIJING, DB_L2.hours(), AgentStrategy.LEAST_LOADED, false);
        SkillGroup architects = new SkillGroup("bj-databases-arch", "arch", "databases", Set.of(), Set.of("en"), Certification.ARCHITECTURE,
                SupportLevel.L2, Set.of(), BEIJING, DB_L2.hours(), AgentStrategy.LEAST_LOADED, false);
        RoutingTicket ecsProduct = new RoutingTicket("T-P", "c", CustomerTier.ENTERPRISE, "en", "databases", "technical.databases", "polardb",
                Priority.P1, false, null, SupportLevel.L1, null, null, null, BEIJING_DAY, Set.of());
        Desk extraGroups = Desk.of(List.of(DB_L2, productGroup, vipOnly, architects), agents());
        Agent uncertified = new Agent("db-uncertified", "u", "beijing", Set.of("en"), java.util.Map.of("databases", 2),
                Set.of(Certification.BASIC_OPERATIONS), Set.of(DB_L2.id()), 3, 0, Presence.AVAILABLE, null, Set.of(), false);
        List<Agent> withUncertified = new java.util.ArrayList<>(agents());
        withUncertified.add(uncertified);
        List<Agent> withNovice = new java.util.ArrayList<>(agents());
        withNovice.add(novice());
        RoutingTicket declined = new RoutingTicket("T-D", "c", CustomerTier.ENTERPRISE, "en", "databases", "technical.databases", null,
                Priority.P1, false, null, SupportLevel.L1, null, null, null, BEIJING_DAY, Set.of("db-expert-1"));
        RoutingTicket vipUnknownManager = new RoutingTicket("T-M", "nobody", CustomerTier.VIP, "zh", null, "business.product-usage", null,
                Priority.P3, false, null, SupportLevel.L1, "mgr-gone", null, null, BEIJING_DAY, Set.of());
        return Stream.of(
                new SkipCase("a product the group does not list", SkipReason.WRONG_PRODUCT, FOLLOW_THE_SUN, ecsProduct, extraGroups, BEIJING_DAY,
                        Skip.group("bj-databases-rds", SkipReason.WRONG_PRODUCT)),
                new SkipCase("a group of another language", SkipReason.WRONG_LANGUAGE, FOLLOW_THE_SUN, japanese, desk(), BEIJING_DAY,
                        Skip.agent("sg-en-1", SkipReason.WRONG_LANGUAGE)),
                new SkipCase("a group for VIPs only", SkipReason.WRONG_TIER, FOLLOW_THE_SUN, dbFault, extraGroups, BEIJING_DAY,
                        Skip.group("bj-databases-vip", SkipReason.WRONG_TIER)),
                new SkipCase("the L1 group for a P1 fault", SkipReason.WRONG_LEVEL, FOLLOW_THE_SUN, dbFault, desk(), BEIJING_DAY,
                        Skip.group("bj-databases-l1", SkipReason.WRONG_LEVEL)),
                new SkipCase("a group of architects for a system fault", SkipReason.MISSING_CERTIFICATION, FOLLOW_THE_SUN, dbFault, extraGroups, BEIJING_DAY,
                        Skip.group("bj-databases-arch", SkipReason.MISSING_CERTIFICATION)),
                new SkipCase("an agent without the group's certification", SkipReason.MISSING_CERTIFICATION, FOLLOW_THE_SUN, dbFault,
                        Desk.of(List.of(DB_L2), withUncertified), BEIJING_DAY, Skip.agent("db-uncertified", SkipReason.MISSING_CERTIFICATION)),
                new SkipCase("an agent whose level in the skill is below the ticket's", SkipReason.SKILL_LEVEL_TOO_LOW, FOLLOW_THE_SUN, dbFault,
                        Desk.of(List.of(DB_L2), withNovice), BEIJING_DAY, Skip.agent("db-novice", SkipReason.SKILL_LEVEL_TOO_LOW)),
                new SkipCase("the home group at night", SkipReason.CLOSED_HOURS, FOLLOW_THE_SUN, billing, desk(), BEIJING_NIGHT,
                        Skip.group("bj-billing-l1", SkipReason.CLOSED_HOURS)),
                new SkipCase("a full agent", SkipReason.AT_CAPACITY, FOLLOW_THE_SUN, dbFault, desk(a -> a.withLoad(a.capacity())), BEIJING_DAY,
                        Skip.agent("db-expert-1", SkipReason.AT_CAPACITY)),
                new SkipCase("a busy agent", SkipReason.BUSY, FOLLOW_THE_SUN, dbFault, desk(a -> a.withPresence(Presence.BUSY)), BEIJING_DAY,
                        Skip.agent("db-expert-1", SkipReason.BUSY)),
                new SkipCase("an agent away", SkipReason.AWAY, FOLLOW_THE_SUN, dbFault, desk(a -> a.withPresence(Presence.AWAY)), BEIJING_DAY,
                        Skip.agent("db-expert-1", SkipReason.AWAY)),
                new SkipCase("an agent offline", SkipReason.OFFLINE, FOLLOW_THE_SUN, dbFault, desk(a -> a.withPresence(Presence.OFFLINE)), BEIJING_DAY,
                        Skip.agent("db-expert-1", SkipReason.OFFLINE)),
                new SkipCase("the agent who declined it", SkipReason.DECLINED_BEFORE, FOLLOW_THE_SUN, declined, desk(), BEIJING_DAY,
                        Skip.agent("db-expert-1", SkipReason.DECLINED_BEFORE)),
                new SkipCase("another centre under the wait policy", SkipReason.NOT_HOME_CENTRE, WAIT, billing, desk(), BEIJING_NIGHT,
                        Skip.group("fra-billing-l1", SkipReason.NOT_HOME_CENTRE)),
                new SkipCase("a manager the directory does not know", SkipReason.MANAGER_UNKNOWN, FOLLOW_THE_SUN, vipUnknownManager, desk(), BEIJING_DAY,
                        Skip.agent("mgr-gone", SkipReason.MANAGER_UNKNOWN)),
                new SkipCase("an emergency group that does not speak the language", SkipReason.WRONG_LANGUAGE, FOLLOW_THE_SUN,
                        emergency("infrastructure.datacenter", "ar"), desk(), BEIJING_DAY, Skip.group("bj-emergency-l3", SkipReason.WRONG_LANGUAGE))
        );
    }

    /** Certified for the L2 databases group, but level 1 in databases (L2 work needs 2 by default), and idle. */
    private static Agent novice() {
        return new Agent("db-novice", "n", "beijing", Set.of("en"), java.util.Map.of("databases", 1),
                Set.of(Certification.SYSTEM_FAULTS), Set.of(DB_L2.id()), 3, 0, Presence.AVAILABLE, null, Set.of(), false);
    }

    @Test
    void anAgentBelowTheLevelTheWorkNeedsIsPassedOverAndOneWhoListsNoLevelIsTakenAtTheGroupsWord() {
        RoutingTicket dbFault = ticket("technical.databases", "databases", "en", CustomerTier.ENTERPRISE, Priority.P1);
        List<Agent> all = new java.util.ArrayList<>(agents().stream().map(a -> a.id().equals("db-expert-1") ? a.withLoad(1) : a).toList());
        all.add(novice());
        RoutingDecision d = FOLLOW_THE_SUN.route(dbFault, Desk.of(List.of(DB_L2), all), BEIJING_DAY, null);
        assertEquals("db-expert-1", d.agentId(), "the busier expert, not the idle novice: " + d.reason());

        Agent unlisted = new Agent("db-unlisted", "u", "beijing", Set.of("en"), java.util.Map.of(), Set.of(Certification.SYSTEM_FAULTS),
                Set.of(DB_L2.id()), 3, 0, Presence.AVAILABLE, null, Set.of(), false);
        all.add(unlisted);
        assertEquals("db-unlisted", FOLLOW_THE_SUN.route(dbFault, Desk.of(List.of(DB_L2), all), BEIJING_DAY, null).agentId());

        Router lenient = new Router(RoutingPolicy.parse(java.util.Map.of("agent-skill-level.L2", "1")));
        all.remove(unlisted);
        assertEquals("db-novice", lenient.route(dbFault, Desk.of(List.of(DB_L2), all), BEIJING_DAY, null).agentId(),
                "the level is policy: at 1 the idle novice takes it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("skipCases")
    void recordsEverySkipReason(SkipCase c) {
        RoutingDecision d = c.router().route(c.ticket(), c.desk(), c.now(), null);
        assertTrue(d.skipped().contains(c.expected()), "expected " + c.expected() + " in " + d.skipped());
    }

    @Test
    void everySkipReasonIsCoveredByTheTableOrTheCanTakeCheck() {
        Set<SkipReason> covered = new java.util.HashSet<>(skipCases().map(SkipCase::reason).toList());
        covered.add(SkipReason.WRONG_SKILL);     // not recorded per group (below)
        covered.add(SkipReason.EMERGENCY_ONLY);  // idem
        assertEquals(Set.of(SkipReason.values()), covered);
    }

    @Test
    void groupsOfOtherSkillsAreNotListedAsSkipsButAreNeverChosen() {
        RoutingDecision d = FOLLOW_THE_SUN.route(ticket("technical.ecs", "servers", "ja", CustomerTier.STANDARD, Priority.P3), desk(), BEIJING_DAY, null);
        assertTrue(d.skipped().stream().noneMatch(s -> s.reason() == SkipReason.WRONG_SKILL || s.reason() == SkipReason.EMERGENCY_ONLY));
    }

    @Test
    void aQueuedTicketIsTakenOnlyWhenTheAgentCan() {
        RoutingTicket billing = ticket("billing.invoice", null, "en", CustomerTier.STANDARD, Priority.P3);
        Agent agent = agent("bill-bj-1", BILLING_BJ, Set.of("zh", "en"), 3);
        assertNull(FOLLOW_THE_SUN.canTake(agent, BILLING_BJ, billing, BEIJING_DAY));
        assertEquals(SkipReason.CLOSED_HOURS, FOLLOW_THE_SUN.canTake(agent, BILLING_BJ, billing, BEIJING_NIGHT));
        assertEquals(SkipReason.AT_CAPACITY, FOLLOW_THE_SUN.canTake(agent.withLoad(3), BILLING_BJ, billing, BEIJING_DAY));
        assertNull(FOLLOW_THE_SUN.canTake(agent, BILLING_BJ, emergency("billing.invoice", "en"), BEIJING_NIGHT), "emergencies at any hour");
    }

    @Test
    void skipsBeyondTheCapAreCountedNotListed() {
        Router capped = new Router(RoutingPolicy.parse(java.util.Map.of("max-recorded-skips", "1")));
        RoutingDecision d = capped.route(ticket("technical.databases", "databases", "en", CustomerTier.ENTERPRISE, Priority.P1),
                desk(a -> a.withPresence(Presence.AWAY)), BEIJING_DAY, null);
        assertEquals(1, d.skipped().size());
        assertTrue(d.skippedNotRecorded() >= 1);
    }
}
