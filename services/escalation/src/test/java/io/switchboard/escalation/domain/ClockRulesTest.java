package io.switchboard.escalation.domain;

import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clock rules, case by case, with a movable clock ({@link #at}): every expected instant is
 * worked out by hand in the zone the case names. The calendar arithmetic itself is the kit's.
 */
class ClockRulesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** A small policy with round numbers, so that each case is easy to check by hand. */
    static Map<String, String> entries() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("warnings", "75,90");
        e.put("calendar.office", "zone=Europe/Berlin; mon-fri=09:00-17:00");
        e.put("calendar.around-the-clock", "zone=Europe/Berlin; daily=00:00-24:00");
        e.put("calendar.service", "zone=Asia/Shanghai; daily=08:00-20:00");
        e.put("rule.*.*", "first-response=1h; resolution=8h; basis=business; calendar=office");
        e.put("rule.P1.*", "first-response=15m; next-update=1h; resolution=4h; basis=24x7");
        e.put("rule.P1.ENTERPRISE", "first-response=15m");
        e.put("rule.*.VIP", "first-response=15m; basis=7x12; calendar=service");
        e.put("rule.P2.*.dst", "resolution=24h; basis=business; calendar=around-the-clock");
        e.put("rule.P4.*", "l1-budget=30m; expert-join=2h; resolution=1d; basis=24x7");
        return e;
    }

    static final Instant V1_FROM = Instant.parse("2020-01-01T00:00:00Z");
    static final PolicyHistory POLICY = PolicyHistory.of(SlaPolicy.parse("desk", 1, V1_FROM, entries()));

    static Instant at(ZoneId zone, String local) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    static Instant utc(String text) {
        return Instant.parse(text);
    }

    private int ids;

    private String id() {
        return "e" + (++ids);
    }

    TicketFact.Opened open(Instant at, Priority priority, CustomerTier tier, String category) {
        return new TicketFact.Opened(id(), at, null, "cust-1", tier, priority, category, "ecs", "cn-north-1", null,
                false, null, SupportLevel.L1, "console times out");
    }

    TicketFact.Opened open(Instant at, Priority priority, CustomerTier tier) {
        return open(at, priority, tier, "technical.ecs");
    }

    TicketFact ack(Instant at) {
        return new TicketFact.Acknowledged(id(), at, "agent-1", true);
    }

    TicketFact waiting(Instant at, boolean waiting) {
        return new TicketFact.StatusChanged(id(), at, waiting);
    }

    TicketFact resolved(Instant at) {
        return new TicketFact.Resolved(id(), at, "sg-servers");
    }

    static SlaClock clock(TicketSla sla, String key) {
        return sla.clocks().stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no clock " + key + " in " + sla.clocks()));
    }

    static List<String> keys(TicketSla sla) {
        return sla.notices().stream().map(n -> n.key() + "@" + n.at()).toList();
    }

    @Test
    void p1ForAnEnterpriseCustomerCountsAroundTheClockAcrossMidnight() {
        TicketFact.Opened opened = open(utc("2026-11-30T23:50:00Z"), Priority.P1, CustomerTier.ENTERPRISE);
        TicketSla sla = ClockRules.evaluate(List.of(opened), POLICY, utc("2026-11-30T23:55:00Z"));
        SlaClock first = clock(sla, "FIRST_RESPONSE#1");
        assertEquals(utc("2026-12-01T00:05:00Z"), first.dueAt());
        assertEquals(Duration.ofMinutes(5), first.used());
        assertEquals(TimeBasis.TWENTY_FOUR_SEVEN, first.basis());
        assertEquals(ClockState.RUNNING, first.state());
        assertEquals(utc("2026-12-01T00:01:15Z"), sla.nextDueAt(), "the 75% warning is the ticket's next timer");

        TicketSla answered = ClockRules.evaluate(List.of(opened, ack(utc("2026-12-01T00:04:00Z"))), POLICY, utc("2026-12-01T00:30:00Z"));
        assertEquals(ClockState.MET, clock(answered, "FIRST_RESPONSE#1").state());
        assertEquals(Duration.ofMinutes(14), clock(answered, "FIRST_RESPONSE#1").used());
    }

    @Test
    void aMonitoringAcknowledgeDoesNotStopFirstResponse() {
        TicketFact.Opened opened = open(utc("2026-12-01T10:00:00Z"), Priority.P1, CustomerTier.STANDARD);
        TicketFact robot = new TicketFact.Acknowledged(id(), utc("2026-12-01T10:01:00Z"), "system", false);
        TicketSla sla = ClockRules.evaluate(List.of(opened, robot), POLICY, utc("2026-12-01T10:20:00Z"));
        SlaClock first = clock(sla, "FIRST_RESPONSE#1");
        assertEquals(ClockState.BREACHED, first.state());
        assertTrue(keys(sla).contains("breached:FIRST_RESPONSE#1@2026-12-01T10:15:00Z"));
        assertFalse(sla.clocks().stream().anyMatch(c -> c.metric() == Metric.NEXT_UPDATE), "no person has answered yet");
    }

    @Test
    void aTicketOpenedWhileTheOfficeIsClosedStartsCountingAtTheNextOpening() {
        // Saturday 22:00 in Berlin: nothing counts until Monday 09:00.
        TicketFact.Opened opened = open(at(BERLIN, "2026-11-28T22:00"), Priority.P3, CustomerTier.STANDARD);
        TicketSla sla = ClockRules.evaluate(List.of(opened), POLICY, at(BERLIN, "2026-11-29T12:00"));
        assertEquals(at(BERLIN, "2026-11-30T10:00"), clock(sla, "FIRST_RESPONSE#1").dueAt());
        assertEquals(Duration.ZERO, clock(sla, "FIRST_RESPONSE#1").used());
        assertEquals(at(BERLIN, "2026-11-30T17:00"), clock(sla, "RESOLUTION#1").dueAt());
    }

    @Test
    void aPauseAndResumeAcrossClosedHoursLosesNoTimeAndCountsNoneOfThePause() {
        TicketFact.Opened opened = open(at(BERLIN, "2026-11-30T15:00"), Priority.P3, CustomerTier.STANDARD);
        List<TicketFact> facts = List.of(opened, ack(at(BERLIN, "2026-11-30T15:10")),
                waiting(at(BERLIN, "2026-11-30T16:00"), true), waiting(at(BERLIN, "2026-12-01T10:00"), false));
        TicketSla paused = ClockRules.evaluate(facts.subList(0, 3), POLICY, at(BERLIN, "2026-12-01T09:30"));
        SlaClock p = clock(paused, "RESOLUTION#1");
        assertEquals(ClockState.PAUSED, p.state());
        assertNull(p.dueAt());
        assertEquals(Duration.ofHours(1), p.used());
        assertNull(paused.nextDueAt(), "a paused clock has no timer");

        TicketSla resumed = ClockRules.evaluate(facts, POLICY, at(BERLIN, "2026-12-01T12:00"));
        SlaClock r = clock(resumed, "RESOLUTION#1");
        assertEquals(Duration.ofHours(3), r.used(), "1 h Monday + 2 h Tuesday; the night and the pause do not count");
        assertEquals(at(BERLIN, "2026-12-01T17:00"), r.dueAt());
        assertEquals(List.of(new SlaClock.Pause(at(BERLIN, "2026-11-30T16:00"), at(BERLIN, "2026-12-01T10:00"))), r.pauses());
    }

    @Test
    void aPauseAcrossTheSpringForwardNightCountsOnlyRealTime() {
        // Berlin, 2026-03-29: 02:00 becomes 03:00, the day has 23 hours; the calendar is open all day.
        TicketFact.Opened opened = open(at(BERLIN, "2026-03-28T12:00"), Priority.P2, CustomerTier.STANDARD, "dst");
        TicketSla straight = ClockRules.evaluate(List.of(opened), POLICY, at(BERLIN, "2026-03-28T13:00"));
        assertEquals(at(BERLIN, "2026-03-29T13:00"), clock(straight, "RESOLUTION#1").dueAt(), "24 real hours end at 13:00 summer time");

        List<TicketFact> facts = List.of(opened, waiting(at(BERLIN, "2026-03-28T18:00"), true),
                waiting(at(BERLIN, "2026-03-30T06:00"), false));
        TicketSla sla = ClockRules.evaluate(facts, POLICY, at(BERLIN, "2026-03-30T12:00"));
        SlaClock r = clock(sla, "RESOLUTION#1");
        assertEquals(Duration.ofHours(12), r.used(), "6 h before the pause, 6 h after it; the short night is not counted");
        assertEquals(at(BERLIN, "2026-03-31T00:00"), r.dueAt());
    }

    @Test
    void vipTimeCountsTwelveHoursEveryDayInTheCustomersZone() {
        TicketFact.Opened opened = new TicketFact.Opened(id(), at(SHANGHAI, "2026-12-05T19:50"), null, "vip-1", CustomerTier.VIP,
                Priority.P3, "technical.ecs", null, null, "Asia/Shanghai", false, null, SupportLevel.L1, "slow disk");
        TicketSla sla = ClockRules.evaluate(List.of(opened), POLICY, at(SHANGHAI, "2026-12-05T21:00"));
        SlaClock first = clock(sla, "FIRST_RESPONSE#1");
        assertEquals(TimeBasis.EXTENDED_7X12, first.basis());
        assertEquals(at(SHANGHAI, "2026-12-06T08:05"), first.dueAt(), "10 min on Saturday evening, 5 on Sunday morning");
    }

    @Test
    void aPolicyPublishedLaterNeverChangesARunningClock() {
        Map<String, String> tighter = new LinkedHashMap<>(entries());
        tighter.put("rule.*.*", "first-response=30m; resolution=8h; basis=business; calendar=office");
        PolicyHistory history = PolicyHistory.of(POLICY.latest(), SlaPolicy.parse("desk", 2, at(BERLIN, "2026-12-01T11:00"), tighter));
        TicketFact.Opened before = open(at(BERLIN, "2026-12-01T10:00"), Priority.P3, CustomerTier.STANDARD);
        SlaClock kept = clock(ClockRules.evaluate(List.of(before), history, at(BERLIN, "2026-12-01T11:30")), "FIRST_RESPONSE#1");
        assertEquals(1, kept.policyVersion());
        assertEquals(Duration.ofHours(1), kept.target());
        TicketFact.Opened after = open(at(BERLIN, "2026-12-01T11:05"), Priority.P3, CustomerTier.STANDARD);
        SlaClock taken = clock(ClockRules.evaluate(List.of(after), history, at(BERLIN, "2026-12-01T11:30")), "FIRST_RESPONSE#1");
        assertEquals(2, taken.policyVersion());
        assertEquals(Duration.ofMinutes(30), taken.target());
    }

    @Test
    void aPriorityChangeReEvaluatesTheTermsUnderTheVersionOfThatTimeAndSaysWhy() {
        TicketFact.Opened opened = open(utc("2026-12-01T08:00:00Z"), Priority.P3, CustomerTier.STANDARD);
        TicketFact raised = new TicketFact.Reclassified(id(), utc("2026-12-01T09:00:00Z"), Priority.P1, "technical.ecs", "ecs",
                false, null, null, "whole region down", "sup-1");
        TicketSla sla = ClockRules.evaluate(List.of(opened, ack(utc("2026-12-01T08:10:00Z")), raised), POLICY, utc("2026-12-01T09:30:00Z"));
        assertEquals(2, sla.bindings().size());
        assertEquals("reclassified by sup-1 (P3 -> P1): whole region down", sla.bindings().get(1).reason());
        SlaClock resolution = clock(sla, "RESOLUTION#1");
        assertEquals(Duration.ofHours(4), resolution.target());
        assertEquals(TimeBasis.TWENTY_FOUR_SEVEN, resolution.basis());
        assertEquals(utc("2026-12-01T12:00:00Z"), resolution.dueAt(), "counted from when the problem was received");
        assertEquals(utc("2026-12-01T09:00:00Z"), clock(sla, "NEXT_UPDATE#1").startedAt(), "P1 owes hourly updates from now on");
    }

    @Test
    void aReopenContinuesTheResolutionClockWithTheTimeAlreadyUsed() {
        TicketFact.Opened opened = open(at(BERLIN, "2026-12-01T09:00"), Priority.P3, CustomerTier.STANDARD);
        List<TicketFact> facts = List.of(opened, ack(at(BERLIN, "2026-12-01T09:05")), resolved(at(BERLIN, "2026-12-01T12:00")),
                new TicketFact.Reopened(id(), at(BERLIN, "2026-12-01T14:00")));
        TicketSla sla = ClockRules.evaluate(facts, POLICY, at(BERLIN, "2026-12-01T15:00"));
        assertEquals(ClockState.MET, clock(sla, "RESOLUTION#1").state());
        SlaClock second = clock(sla, "RESOLUTION#2");
        assertEquals(Duration.ofHours(4), second.used(), "3 h before the resolve, 1 h since the reopen");
        assertEquals(at(BERLIN, "2026-12-02T11:00"), second.dueAt(), "2 h left on Tuesday, 2 h on Wednesday");

        Map<String, String> restart = new LinkedHashMap<>(entries());
        restart.put("reopen", "restart");
        TicketSla fresh = ClockRules.evaluate(facts, PolicyHistory.of(SlaPolicy.parse("desk", 1, V1_FROM, restart)), at(BERLIN, "2026-12-01T15:00"));
        assertEquals(Duration.ofHours(1), clock(fresh, "RESOLUTION#2").used());
    }

    @Test
    void eventsInAnyOrderGiveTheSameClocksAndNotices() {
        TicketFact.Opened opened = open(at(BERLIN, "2026-12-01T09:00"), Priority.P3, CustomerTier.STANDARD);
        List<TicketFact> facts = new ArrayList<>(List.of(opened, new TicketFact.Acknowledged(id(), at(BERLIN, "2026-12-01T09:20"), "mon", false),
                ack(at(BERLIN, "2026-12-01T09:50")), waiting(at(BERLIN, "2026-12-01T11:00"), true),
                waiting(at(BERLIN, "2026-12-01T13:00"), false), resolved(at(BERLIN, "2026-12-01T18:00")),
                new TicketFact.Reopened(id(), at(BERLIN, "2026-12-02T09:00"))));
        Instant now = at(BERLIN, "2026-12-02T12:00");
        TicketSla inOrder = ClockRules.evaluate(facts, POLICY, now);
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(facts, random);
            assertEquals(inOrder, ClockRules.evaluate(facts, POLICY, now));
        }
    }

    @Test
    void aRedeliveredEventCountsOnce() {
        TicketFact.Opened opened = open(at(BERLIN, "2026-12-01T09:00"), Priority.P3, CustomerTier.STANDARD);
        TicketFact pause = waiting(at(BERLIN, "2026-12-01T10:00"), true);
        TicketFact resume = waiting(at(BERLIN, "2026-12-01T11:00"), false);
        TicketSla once = ClockRules.evaluate(List.of(opened, pause, resume), POLICY, at(BERLIN, "2026-12-01T12:00"));
        TicketSla twice = ClockRules.evaluate(List.of(opened, pause, resume, resume, pause, opened), POLICY, at(BERLIN, "2026-12-01T12:00"));
        assertEquals(once, twice);
        assertEquals(Duration.ofHours(2), clock(twice, "RESOLUTION#1").used());
    }

    @Test
    void warningsAt75And90PercentAndTheBreachFallDueExactly() {
        TicketFact.Opened opened = open(utc("2026-12-01T10:00:00Z"), Priority.P1, CustomerTier.STANDARD);
        TicketSla sla = ClockRules.evaluate(List.of(opened), POLICY, utc("2026-12-01T10:16:00Z"));
        assertEquals(List.of("started:FIRST_RESPONSE#1@2026-12-01T10:00:00Z", "started:RESOLUTION#1@2026-12-01T10:00:00Z",
                "warning:FIRST_RESPONSE#1:75@2026-12-01T10:11:15Z", "warning:FIRST_RESPONSE#1:90@2026-12-01T10:13:30Z",
                "breached:FIRST_RESPONSE#1@2026-12-01T10:15:00Z", "escalated:FIRST_RESPONSE#1@2026-12-01T10:15:00Z"), keys(sla));
        assertEquals(utc("2026-12-01T13:00:00Z"), sla.nextDueAt(), "next: 75% of the 4 h resolution target");
    }

    @Test
    void aBreachMovesTheTicketUpALevelAndAMissedClockSaysSo() {
        TicketFact.Opened opened = open(utc("2026-12-01T10:00:00Z"), Priority.P1, CustomerTier.STANDARD);
        TicketSla sla = ClockRules.evaluate(List.of(opened, ack(utc("2026-12-01T10:20:00Z"))), POLICY, utc("2026-12-01T10:30:00Z"));
        Notice escalated = sla.notices().stream().filter(n -> n.kind() == Notice.Kind.ESCALATED).findFirst().orElseThrow();
        assertEquals(utc("2026-12-01T10:15:00Z"), escalated.at());
        assertEquals(SupportLevel.L1, escalated.fromLevel());
        assertEquals(SupportLevel.L2, escalated.toLevel());
        assertEquals(Notice.Escalation.SLA_BREACH, escalated.reason());
        assertEquals(ClockState.MISSED, clock(sla, "FIRST_RESPONSE#1").state());
        assertEquals(SupportLevel.L2, sla.level());
    }

    @Test
    void theLevelOneBudgetEscalatesToL2AndAnExpertWhoNeverJoinsToL3AndAMajorIncident() {
        TicketFact.Opened opened = open(utc("2026-12-01T10:00:00Z"), Priority.P4, CustomerTier.STANDARD);
        List<TicketFact> facts = List.of(opened, ack(utc("2026-12-01T10:05:00Z")));
        TicketSla at40 = ClockRules.evaluate(facts, POLICY, utc("2026-12-01T10:40:00Z"));
        assertEquals(SupportLevel.L2, at40.level());
        Notice complexity = at40.notices().stream().filter(n -> n.kind() == Notice.Kind.ESCALATED).findFirst().orElseThrow();
        assertEquals(Notice.Escalation.COMPLEXITY, complexity.reason());
        assertEquals(utc("2026-12-01T10:30:00Z"), complexity.at());
        assertEquals(utc("2026-12-01T12:30:00Z"), clock(at40, "EXPERT_JOIN#1").dueAt());

        TicketSla late = ClockRules.evaluate(facts, POLICY, utc("2026-12-01T13:00:00Z"));
        assertEquals(SupportLevel.L3, late.level());
        assertTrue(keys(late).contains("major-incident@2026-12-01T12:30:00Z"));

        TicketSla joined = ClockRules.evaluate(List.of(opened, ack(utc("2026-12-01T10:05:00Z")),
                new TicketFact.Assigned(id(), utc("2026-12-01T11:00:00Z"), "expert-9", "sg-ecs-l2", SupportLevel.L2)), POLICY, utc("2026-12-01T13:00:00Z"));
        assertEquals(ClockState.MET, clock(joined, "EXPERT_JOIN#1").state());
        assertEquals(SupportLevel.L2, joined.level());
    }

    @Test
    void anEmergencyDeclaresAMajorIncidentWhenTheProblemWasReceived() {
        TicketFact.Opened opened = new TicketFact.Opened(id(), utc("2026-12-01T10:00:00Z"), utc("2026-12-01T09:40:00Z"), "cust-1",
                CustomerTier.ENTERPRISE, Priority.P1, "infrastructure.datacenter", null, "cn-north-1", null, true,
                EmergencyLevel.LEVEL_1, SupportLevel.L3, "power lost in hall 3");
        TicketSla sla = ClockRules.evaluate(List.of(opened), POLICY, utc("2026-12-01T10:00:01Z"));
        Notice major = sla.notices().stream().filter(n -> n.kind() == Notice.Kind.MAJOR_INCIDENT).findFirst().orElseThrow();
        assertEquals(utc("2026-12-01T10:00:00Z"), major.at());
        assertEquals(EmergencyLevel.LEVEL_1, major.emergencyLevel());
        assertEquals("emergency-group", major.team());
    }

    @Test
    void eachProgressUpdateEndsOneUpdateIntervalAndStartsTheNext() {
        TicketFact.Opened opened = open(utc("2026-12-01T10:00:00Z"), Priority.P1, CustomerTier.STANDARD);
        List<TicketFact> facts = List.of(opened, ack(utc("2026-12-01T10:05:00Z")),
                new TicketFact.ProgressUpdated(id(), utc("2026-12-01T10:50:00Z"), "agent-1"),
                new TicketFact.ProgressUpdated(id(), utc("2026-12-01T12:00:00Z"), "agent-1"));
        TicketSla sla = ClockRules.evaluate(facts, POLICY, utc("2026-12-01T12:10:00Z"));
        assertEquals(ClockState.MET, clock(sla, "NEXT_UPDATE#1").state());
        assertEquals(ClockState.MISSED, clock(sla, "NEXT_UPDATE#2").state(), "70 minutes between updates");
        assertEquals(utc("2026-12-01T13:00:00Z"), clock(sla, "NEXT_UPDATE#3").dueAt());
    }

    @Test
    void closingCancelsWhatIsStillRunningAndEveryStartedClockStopsOnce() {
        TicketFact.Opened opened = open(at(BERLIN, "2026-12-01T09:00"), Priority.P3, CustomerTier.STANDARD);
        TicketSla sla = ClockRules.evaluate(List.of(opened, ack(at(BERLIN, "2026-12-01T09:10")),
                new TicketFact.Closed(id(), at(BERLIN, "2026-12-01T10:00"))), POLICY, at(BERLIN, "2026-12-01T11:00"));
        assertEquals(ClockState.CANCELLED, clock(sla, "RESOLUTION#1").state());
        long started = sla.notices().stream().filter(n -> n.kind() == Notice.Kind.CLOCK_STARTED).count();
        long stopped = sla.notices().stream().filter(n -> n.kind() == Notice.Kind.CLOCK_STOPPED).count();
        assertEquals(started, stopped);
        assertNull(sla.nextDueAt());
    }

    @Test
    void factsBeforeTheOpeningWaitForIt() {
        TicketFact early = ack(utc("2026-12-01T10:05:00Z"));
        assertNull(ClockRules.evaluate(List.of(early), POLICY, utc("2026-12-01T10:06:00Z")).opened());
    }
}
