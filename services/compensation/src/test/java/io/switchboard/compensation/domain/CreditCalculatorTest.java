package io.switchboard.compensation.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact amounts for each policy type, the band edges, overlaps, month boundaries, the cap and rounding. */
class CreditCalculatorTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final BillingMonth NOVEMBER = BillingMonth.of(2026, 11, UTC); // 30 days: 43,200 minutes

    static CreditPolicy policy(String id) {
        return DefaultPolicies.creditPolicies().get(id);
    }

    /** Outages as "startMinute+lengthMinutes" within November 2026 (UTC), e.g. "600+120". */
    static MonthlyAvailability november(String outages) {
        List<MonthlyAvailability.Outage> list = new ArrayList<>();
        int n = 0;
        for (String o : outages.split(" ")) {
            if (o.isBlank()) {
                continue;
            }
            String[] parts = o.split("\\+");
            Instant start = NOVEMBER.start().plus(Duration.ofMillis(Math.round(Double.parseDouble(parts[0]) * 60_000)));
            list.add(new MonthlyAvailability.Outage("o" + n++, new Period(start,
                    start.plus(Duration.ofMillis(Math.round(Double.parseDouble(parts[1]) * 60_000))))));
        }
        return MonthlyAvailability.of(NOVEMBER, list);
    }

    @Test
    void theWorkedExampleOfTheIssue() {
        MonthlyAvailability month = november("600+120");
        assertEquals(0, new BigDecimal("43200").compareTo(month.monthMinutes()));
        assertEquals(new BigDecimal("99.722"), month.percent(3));
        CreditCalculator.Entitlement credit = CreditCalculator.forMonth(policy("per-minute"), Money.of("10000.00", "CNY"),
                new BigDecimal("99.95"), month);
        assertEquals(new BigDecimal("34.72"), credit.amount().amount());
        assertEquals("120 min / 43,200 min x 10,000.00 CNY x 1.25 (coefficient at 99.95%) = 34.722222... = 34.72 CNY"
                + " (HALF_EVEN to the minor unit)", credit.arithmetic());
    }

    @ParameterizedTest(name = "{0}: fee {1} {2}, commitment {3}, outages [{4}] -> {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # policy     | fee      | cur | commit | outages (start+minutes)       | credit
            per-minute    | 10000.00 | CNY | 99.95  | 600+120                       | 34.72
            per-minute    | 10000.00 | CNY | 99.99  | 600+120                       | 69.44
            per-minute    | 10000.00 | CNY | 99.999 | 600+120                       | 138.89
            per-minute    | 10000.00 | CNY | 99.9   | 600+120                       | 27.78
            per-minute    | 10000.00 | CNY | 99.95  |                               | 0.00
            # overlapping outages count their union once: 600-720 and 660-780 are 180 minutes
            per-minute    | 10000.00 | CNY | 99.95  | 600+120 660+120               | 52.08
            # the same period reported twice is counted once
            per-minute    | 10000.00 | CNY | 99.95  | 600+120 600+120               | 34.72
            # nested and touching periods
            per-minute    | 10000.00 | CNY | 99.95  | 600+120 610+10 720+60         | 52.08
            # rounding half-even: 1 min / 43,200 x 100.00 x 1.25 = 0.0028935 -> 0.00; 0.05 at 12.5 min x 3.456 fee...
            per-minute    | 100.00   | CNY | 99.95  | 0+1                           | 0.00
            # 216 min x 100.00 x 1.00 / 43,200 = 0.5 exactly -> 0.50; 27 min at 99.99 on 32.00: 0.05 exactly
            per-minute    | 100.00   | CNY | 99.9   | 0+216                         | 0.50
            # a half cent exactly: 1.8 min x 100.00 x 1.25 / 43,200 = 0.00520833 -> 0.01 (not a tie); 0.125 -> 0.12 (tie, even)
            per-minute    | 100.00   | CNY | 99.9   | 0+54                          | 0.12
            per-minute    | 100.00   | CNY | 99.9   | 0+162                         | 0.38
            # JPY has no minor unit
            per-minute    | 10000    | JPY | 99.95  | 600+120                       | 35
            # tiered, the common public-cloud bands: 10% below the commitment, 25% below 99.0%, 100% below 95.0%
            tiered-public | 10000.00 | CNY | 99.95  | 600+120                       | 1000.00
            tiered-public | 10000.00 | CNY | 99.95  | 0+21.6                        | 0.00
            tiered-public | 10000.00 | CNY | 99.95  | 0+21.61                       | 1000.00
            tiered-public | 10000.00 | CNY | 99.95  | 0+432                         | 1000.00
            tiered-public | 10000.00 | CNY | 99.95  | 0+432.01                      | 2500.00
            tiered-public | 10000.00 | CNY | 99.95  | 0+2160                        | 2500.00
            tiered-public | 10000.00 | CNY | 99.95  | 0+2160.01                     | 10000.00
            # tiered, the seed's table: the credit for a month below the commitment at each commitment level
            tiered-seed   | 10000.00 | CNY | 99.95  | 600+120                       | 500.00
            tiered-seed   | 10000.00 | CNY | 99.99  | 600+120                       | 2500.00
            tiered-seed   | 10000.00 | CNY | 99.999 | 600+120                       | 5000.00
            tiered-seed   | 10000.00 | CNY | 99.9   | 600+120                       | 0.00
            tiered-seed   | 10000.00 | CNY | 99.99  | 0+4.32                        | 0.00
            tiered-seed   | 10000.00 | CNY | 99.99  | 0+4.33                        | 2500.00
            """)
    void creditsAreExact(String policy, String fee, String currency, String commitment, String outages, String credit) {
        CreditCalculator.Entitlement entitlement = CreditCalculator.forMonth(policy(policy), Money.of(fee, currency),
                new BigDecimal(commitment), november(outages == null ? "" : outages));
        assertEquals(new BigDecimal(credit), entitlement.amount().amount(), entitlement.arithmetic());
    }

    @ParameterizedTest(name = "{0} minutes unavailable: {1}% ; below 99.95%: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            21.6   | 99.9500 | false
            21.601 | 99.9500 | true
            21.599 | 99.9500 | false
            0      | 100.0000 | false
            43200  | 0.0000  | true
            """)
    void bandEdgesAreExact(String minutes, String percent, boolean below) {
        MonthlyAvailability month = november(minutes.equals("0") ? "" : "0+" + minutes);
        assertEquals(new BigDecimal(percent), month.percent(4));
        assertEquals(below, month.isBelow(new BigDecimal("99.95")));
    }

    @Test
    void anOutageAcrossAMonthBoundaryIsSplitIntoEachMonthsPart() {
        // 2026-10-31 23:00 to 2026-11-01 01:00 UTC: 60 minutes in October (31 days), 60 in November (30 days)
        Period period = new Period(Instant.parse("2026-10-31T23:00:00Z"), Instant.parse("2026-11-01T01:00:00Z"));
        List<BillingMonth> months = BillingMonth.touchedBy(period, UTC);
        assertEquals(List.of(BillingMonth.of(2026, 10, UTC), NOVEMBER), months);
        MonthlyAvailability october = MonthlyAvailability.of(months.get(0), List.of(new MonthlyAvailability.Outage("x", period)));
        MonthlyAvailability november = MonthlyAvailability.of(months.get(1), List.of(new MonthlyAvailability.Outage("x", period)));
        assertEquals(0, new BigDecimal("60").compareTo(october.unavailableMinutes()));
        assertEquals(0, new BigDecimal("44640").compareTo(october.monthMinutes()));
        assertEquals(0, new BigDecimal("60").compareTo(november.unavailableMinutes()));
        Money fee = Money.of("10000.00", "CNY");
        // 60 / 44,640 x 10,000.00 x 1.25 = 16.8010... -> 16.80; 60 / 43,200 x 10,000.00 x 1.25 = 17.3611... -> 17.36
        assertEquals(new BigDecimal("16.80"), CreditCalculator.forMonth(policy("per-minute"), fee, new BigDecimal("99.95"), october).amount().amount());
        assertEquals(new BigDecimal("17.36"), CreditCalculator.forMonth(policy("per-minute"), fee, new BigDecimal("99.95"), november).amount().amount());
    }

    @Test
    void theBillingMonthFollowsItsTimeZone() {
        // Shanghai is UTC+8: 2026-10-31 20:00 UTC is already November 1st there.
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        Period period = new Period(Instant.parse("2026-10-31T20:00:00Z"), Instant.parse("2026-10-31T22:00:00Z"));
        assertEquals(List.of(BillingMonth.of(2026, 11, shanghai)), BillingMonth.touchedBy(period, shanghai));
        // Berlin's October 2026 has 31 days and one hour more (summer time ends on the 25th): 44,700 minutes.
        assertEquals(0, new BigDecimal("44700").compareTo(
                MonthlyAvailability.of(BillingMonth.of(2026, 10, ZoneId.of("Europe/Berlin")), List.of()).monthMinutes()));
    }

    @ParameterizedTest(name = "entitlement {0}, credited {1}, other {2}, cap {3} -> due {4}, delta {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # first computation: all is due
            34.72    | 0.00    | 0.00    | 10000.00 | 34.72    | 34.72    | false
            # a redelivery or a duplicate report: nothing more
            34.72    | 34.72   | 0.00    | 10000.00 | 34.72    | 0.00     | false
            # a correction that lengthened the outage: the difference
            52.08    | 34.72   | 0.00    | 10000.00 | 52.08    | 17.36    | false
            # a correction that shortened it: a negative adjustment
            17.36    | 34.72   | 0.00    | 10000.00 | 17.36    | -17.36   | false
            # the cap: never more than the fee in a month, other credits included
            12500.00 | 0.00    | 0.00    | 10000.00 | 10000.00 | 10000.00 | true
            12500.00 | 9000.00 | 500.00  | 10000.00 | 9500.00  | 500.00   | true
            100.00   | 0.00    | 10000.00| 10000.00 | 0.00     | 0.00     | true
            """)
    void theLedgerSettlesOnlyTheDifference(String entitlement, String credited, String other, String cap, String due,
                                            String delta, boolean capped) {
        CreditLedger.Settlement s = CreditLedger.availability(Money.of(entitlement, "CNY"), Money.of(credited, "CNY"),
                Money.of(other, "CNY"), Money.of(cap, "CNY"));
        assertEquals(new BigDecimal(due), s.target().amount(), s.arithmetic());
        assertEquals(new BigDecimal(delta), s.delta().amount(), s.arithmetic());
        assertEquals(capped, s.capped());
    }

    @Test
    void theCapIsThePolicysPercentOfTheFee() {
        assertEquals(new BigDecimal("10000.00"), CreditCalculator.cap(policy("per-minute"), Money.of("10000.00", "CNY")).amount());
        CreditPolicy half = CreditPolicy.parse(policy("per-minute").toSpec().replace("cap=100", "cap=50"));
        assertEquals(new BigDecimal("5000.00"), CreditCalculator.cap(half, Money.of("10000.00", "CNY")).amount());
        // A whole month down at 99.999% would earn 5 x the fee: the cap holds it to the fee.
        MonthlyAvailability down = november("0+43200");
        Money fee = Money.of("10000.00", "CNY");
        CreditCalculator.Entitlement raw = CreditCalculator.forMonth(policy("per-minute"), fee, new BigDecimal("99.999"), down);
        assertEquals(new BigDecimal("50000.00"), raw.amount().amount());
        CreditLedger.Settlement settled = CreditLedger.availability(raw.amount(), Money.zero(fee.currency()),
                Money.zero(fee.currency()), CreditCalculator.cap(policy("per-minute"), fee));
        assertEquals(new BigDecimal("10000.00"), settled.delta().amount());
        assertTrue(settled.arithmetic().startsWith("capped"), settled.arithmetic());
    }

    @Test
    void aSupportBreachEarnsItsPercentWithinTheRemainingCap() {
        CreditPolicy p = policy("per-minute");
        var rule = p.supportBreachRule(io.switchboard.contracts.common.CustomerTier.ENTERPRISE,
                io.switchboard.contracts.common.Priority.P1, io.switchboard.contracts.sla.SlaTarget.FIRST_RESPONSE).orElseThrow();
        Money earned = CreditCalculator.supportBreach(p, rule, Money.of("10000.00", "CNY"));
        assertEquals(new BigDecimal("500.00"), earned.amount());
        assertEquals(new BigDecimal("500.00"), CreditLedger.oneOff(earned, Money.of("34.72", "CNY"), Money.of("10000.00", "CNY")).delta().amount());
        assertEquals(new BigDecimal("200.00"), CreditLedger.oneOff(earned, Money.of("9800.00", "CNY"), Money.of("10000.00", "CNY")).delta().amount());
        assertTrue(p.supportBreachRule(io.switchboard.contracts.common.CustomerTier.STANDARD,
                io.switchboard.contracts.common.Priority.P1, io.switchboard.contracts.sla.SlaTarget.FIRST_RESPONSE).isEmpty());
        assertTrue(p.supportBreachRule(io.switchboard.contracts.common.CustomerTier.VIP,
                io.switchboard.contracts.common.Priority.P2, io.switchboard.contracts.sla.SlaTarget.FIRST_RESPONSE).isEmpty());
    }
}
