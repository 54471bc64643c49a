package io.switchboard.compensation.domain;

import io.switchboard.calendar.CalendarSpec;
import io.switchboard.contracts.compensation.DisputeLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Policies are data: the shipped defaults parse, print back, and a bad spec is refused naming its clause. */
class PoliciesTest {

    @Test
    void theShippedPoliciesParseAndPrintBack() {
        var policies = DefaultPolicies.creditPolicies();
        assertEquals(List.of("per-minute", "tiered-public", "tiered-seed"), List.copyOf(policies.keySet()));
        policies.values().forEach(p -> assertEquals(p, CreditPolicy.parse(p.toSpec())));
        CreditPolicy perMinute = policies.get("per-minute");
        assertEquals(new BigDecimal("1.25"), perMinute.coefficient(new BigDecimal("99.950")).orElseThrow());
        assertEquals(2, perMinute.claimWindowCycles());
        assertTrue(perMinute.whyNotFor(new BigDecimal("99.5")).orElseThrow().contains("no coefficient for commitment 99.5%"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            version=1; method=tiered; tiers=*<commitment:10                                 | policy.id
            id=x; version=0; method=tiered; tiers=*<commitment:10                          | policy.version
            id=x; version=1; method=linear                                                  | policy.method
            id=x; version=1; method=per-minute                                              | policy.coefficients
            id=x; version=1; method=tiered                                                  | policy.tiers
            id=x; version=1; method=tiered; tiers=*<commitment                              | policy.tiers
            id=x; version=1; method=tiered; tiers=99.99..99.95<commitment:5                 | policy.tiers
            id=x; version=1; method=per-minute; coefficients=100:1                          | policy.coefficients
            id=x; version=1; method=per-minute; coefficients=99.9:-1                        | policy.coefficients
            id=x; version=1; method=per-minute; coefficients=99.9:1; form=CASH              | policy.form
            id=x; version=1; method=per-minute; coefficients=99.9:1; rounding=UNNECESSARY   | policy.rounding
            id=x; version=1; method=per-minute; coefficients=99.9:1; support-breach=VIP/P1:5 | policy.support-breach
            id=x; version=1; method=per-minute; coefficients=99.9:1; colour=blue            | policy.colour
            id=x; version=1; version=2; method=per-minute; coefficients=99.9:1              | policy.version
            """)
    void aBadPolicyIsRefusedNamingTheClause(String spec, String field) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> CreditPolicy.parse(spec));
        assertEquals(field, e.field(), e.getMessage());
    }

    @ParameterizedTest(name = "{0} opened {1} -> due {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # 72 hours, counted around the clock
            LEVEL_1 | 2026-11-27T10:00:00Z | 2026-11-30T10:00:00Z
            # 5 working days after Friday 27 Nov (Shanghai): Mon 30, Tue 1, Wed 2, Thu 3, Fri 4 Dec; due at its end
            LEVEL_2 | 2026-11-27T02:00:00Z | 2026-12-04T16:00:00Z
            # 10 working days, the 1 Dec holiday of this calendar skipped: ... Mon 14 Dec
            LEVEL_3 | 2026-11-27T02:00:00Z | 2026-12-14T16:00:00Z
            """)
    void disputeDeadlinesCountOnTheBusinessCalendar(DisputeLevel level, String opened, String due) {
        DisputePolicy policy = DisputePolicy.parse(DefaultPolicies.get("disputes"),
                CalendarSpec.parse("zone=Asia/Shanghai; mon-fri=09:00-18:00; holidays=2026-12-01"));
        Instant openedAt = Instant.parse(opened);
        Instant dueAt = policy.decisionDueAt(level, openedAt);
        if (level == DisputeLevel.LEVEL_2) {
            // with the holiday, the fifth working day is Monday 7 Dec
            assertEquals(Instant.parse("2026-12-07T16:00:00Z"), dueAt);
        } else {
            assertEquals(Instant.parse(due), dueAt);
        }
    }

    @Test
    void aDisputeWarnsThenPassesThenGoesToTheCommittee() {
        DisputePolicy policy = DisputePolicy.parse(DefaultPolicies.get("disputes"), CalendarSpec.parse(DefaultPolicies.get("dispute-calendar")));
        Instant opened = Instant.parse("2026-11-27T10:00:00Z");
        Instant due = policy.decisionDueAt(DisputeLevel.LEVEL_1, opened);
        assertEquals(DisputePolicy.Stage.ON_TIME, policy.stage(opened, due, opened.plusSeconds(3600)));
        assertEquals(DisputePolicy.Stage.NEARING, policy.stage(opened, due, due.minusSeconds(12 * 3600)));
        assertEquals(DisputePolicy.Stage.OVERDUE, policy.stage(opened, due, due));
        assertEquals(DisputePolicy.Stage.COMMITTEE, policy.stage(opened, due, Instant.parse("2026-12-12T10:00:00Z")));
        assertThrows(InvalidFieldException.class, () -> DisputePolicy.parse("LEVEL_1=72h, LEVEL_2=5wd", policy.calendar()));
    }

    @ParameterizedTest(name = "claim for {0} at {1}: refused {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-09 | 2026-11-30T23:59:59Z | false
            2026-09 | 2026-12-01T00:00:00Z | true
            2026-11 | 2026-11-15T00:00:00Z | false
            2026-12 | 2026-11-15T00:00:00Z | true
            """)
    void claimsAreAcceptedForTwoBillingCyclesAfterTheMonth(String month, String at, boolean refused) {
        BillingMonth billingMonth = new BillingMonth(java.time.YearMonth.parse(month), ZoneOffset.UTC);
        assertEquals(refused, ClaimWindow.refusal(billingMonth, 2, Instant.parse(at)).isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            subscriptionId  | ''         | c1 | ecs | cn-beijing | 100.00 | CNY | 99.95 | Asia/Shanghai
            customerId      | s1         | '' | ecs | cn-beijing | 100.00 | CNY | 99.95 | Asia/Shanghai
            product         | s1         | c1 | ECS! | cn-beijing | 100.00 | CNY | 99.95 | Asia/Shanghai
            monthlyFee      | s1         | c1 | ecs | cn-beijing | 1e999x | CNY | 99.95 | Asia/Shanghai
            monthlyFee      | s1         | c1 | ecs | cn-beijing | -1.00  | CNY | 99.95 | Asia/Shanghai
            monthlyFee      | s1         | c1 | ecs | cn-beijing | 1.005  | CNY | 99.95 | Asia/Shanghai
            currency        | s1         | c1 | ecs | cn-beijing | 100.00 | XYZ | 99.95 | Asia/Shanghai
            currency        | s1         | c1 | ecs | cn-beijing | 100.000 | KWD | 99.95 | Asia/Shanghai
            commitment      | s1         | c1 | ecs | cn-beijing | 100.00 | CNY | 100   | Asia/Shanghai
            commitment      | s1         | c1 | ecs | cn-beijing | 100.00 | CNY | 99.123456 | Asia/Shanghai
            billingTimeZone | s1         | c1 | ecs | cn-beijing | 100.00 | CNY | 99.95 | Mars/Base
            """)
    void aBadSubscriptionIsRefusedNamingTheField(String field, String id, String customer, String product, String region,
                                                  String fee, String currency, String commitment, String zone) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> Subscription.validated(id, customer, product,
                region, List.of(), fee, currency, commitment, zone, null));
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void anOutageAffectsTheSubscriptionsItsScopeNames() {
        OutageScope all = new OutageScope("ecs", "cn-beijing", java.util.Set.of(), java.util.Set.of());
        OutageScope oneCustomer = new OutageScope("ecs", "cn-beijing", java.util.Set.of("c1"), java.util.Set.of());
        OutageScope oneResource = new OutageScope("ecs", "cn-beijing", java.util.Set.of(), java.util.Set.of("i-1"));
        assertTrue(all.affects("c2", "ecs", "cn-beijing", List.of()));
        assertTrue(!all.affects("c2", "oss", "cn-beijing", List.of()));
        assertTrue(!all.affects("c2", "ecs", "cn-shanghai", List.of()));
        assertTrue(oneCustomer.affects("c1", "ecs", "cn-beijing", List.of()));
        assertTrue(!oneCustomer.affects("c2", "ecs", "cn-beijing", List.of()));
        assertTrue(oneResource.affects("c2", "ecs", "cn-beijing", List.of("i-0", "i-1")));
        assertTrue(!oneResource.affects("c2", "ecs", "cn-beijing", List.of("i-2")));
    }
}
