package io.switchboard.feedback.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualitySamplingTest {

    /** 10,000 contacts over 60 agents with very different loads (some agents have a single contact). */
    private static List<QualitySampling.Contact> contacts() {
        Random random = new Random(42);
        List<QualitySampling.Contact> contacts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int agent = i < 60 ? i : (int) Math.floor(Math.pow(random.nextDouble(), 2) * 60);
            contacts.add(new QualitySampling.Contact("C-" + i, "agent-" + agent));
        }
        return contacts;
    }

    @ParameterizedTest(name = "inspected share {0}")
    @CsvSource({"1.0", "0.5", "0.1", "0.02"})
    void theSplitHoldsWithinToleranceAndEveryAgentIsSampled(double share) {
        QualityPolicy policy = QualityPolicy.parse("inspected=" + share + ";automatic=30;manual=50;call-back=20;period=DAY;due=P2D");
        List<QualitySampling.Contact> contacts = contacts();
        List<QualitySampling.Assignment> sample = new QualitySampling(policy).draw("2026-11-29", contacts);

        double inspected = sample.size() / 10_000.0;
        // Rounding per stratum (and at least one per agent) moves the share by at most one contact per agent.
        assertEquals(share, inspected, 60 / 10_000.0 + 1e-9, "inspected share");
        Map<ReviewMethod, Long> byMethod = sample.stream().collect(Collectors.groupingBy(QualitySampling.Assignment::method, Collectors.counting()));
        assertEquals(0.30, byMethod.get(ReviewMethod.AUTOMATIC) / (double) sample.size(), 0.01, "automatic");
        assertEquals(0.50, byMethod.get(ReviewMethod.MANUAL) / (double) sample.size(), 0.01, "manual");
        assertEquals(0.20, byMethod.get(ReviewMethod.CALL_BACK) / (double) sample.size(), 0.01, "call-back");

        Set<String> agents = contacts.stream().map(QualitySampling.Contact::agentId).collect(Collectors.toSet());
        Set<String> sampled = sample.stream().map(QualitySampling.Assignment::agentId).collect(Collectors.toSet());
        assertEquals(agents, sampled, "every agent sampled in the period");
        assertEquals(sample.size(), sample.stream().map(QualitySampling.Assignment::contactId).distinct().count(),
                "each inspected contact has exactly one method");
    }

    @Test
    void theDrawIsDeterministicAndIndependentOfInputOrder() {
        QualityPolicy policy = QualityPolicy.parse("inspected=0.3;automatic=30;manual=50;call-back=20;period=DAY;due=P2D");
        List<QualitySampling.Contact> contacts = contacts();
        List<QualitySampling.Contact> shuffled = new ArrayList<>(contacts);
        java.util.Collections.shuffle(shuffled, new Random(7));
        Function<List<QualitySampling.Assignment>, Set<String>> key = l -> l.stream()
                .map(a -> a.contactId() + "=" + a.method()).collect(Collectors.toCollection(HashSet::new));
        assertEquals(key.apply(new QualitySampling(policy).draw("2026-11-29", contacts)),
                key.apply(new QualitySampling(policy).draw("2026-11-29", shuffled)));
    }

    @Test
    void aZeroShareInspectsNothingAndUnknownAgentsFormTheirOwnStratum() {
        QualityPolicy none = QualityPolicy.parse("inspected=0;automatic=30;manual=50;call-back=20;period=DAY;due=P2D");
        assertTrue(new QualitySampling(none).draw("p", contacts()).isEmpty());
        QualityPolicy all = QualityPolicy.parse("inspected=1;automatic=30;manual=50;call-back=20;period=DAY;due=P2D");
        List<QualitySampling.Assignment> sample = new QualitySampling(all).draw("p",
                List.of(new QualitySampling.Contact("C-1", null), new QualitySampling.Contact("C-2", "a")));
        assertEquals(2, sample.size());
    }

    @Test
    void tenConsecutiveMethodsFollowTheSplitExactly() {
        QualitySampling.MethodSequence sequence = new QualitySampling.MethodSequence(
                Map.of(ReviewMethod.AUTOMATIC, 30, ReviewMethod.MANUAL, 50, ReviewMethod.CALL_BACK, 20));
        List<ReviewMethod> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(sequence.next());
        }
        assertEquals(3, ten.stream().filter(m -> m == ReviewMethod.AUTOMATIC).count());
        assertEquals(5, ten.stream().filter(m -> m == ReviewMethod.MANUAL).count());
        assertEquals(2, ten.stream().filter(m -> m == ReviewMethod.CALL_BACK).count());
    }

    @ParameterizedTest(name = "{0} in period {1}: {2}")
    @CsvSource({
            "DAY,   2026-11-29T23:59:59Z, 2026-11-29",
            "WEEK,  2026-11-29T10:00:00Z, 2026-11-23",
            "WEEK,  2026-11-30T00:00:00Z, 2026-11-30",
            "MONTH, 2026-11-29T10:00:00Z, 2026-11-01"})
    void periodsAreUtcDaysIsoWeeksOrMonths(String period, String at, String start) {
        QualityPolicy policy = QualityPolicy.parse("inspected=1;automatic=30;manual=50;call-back=20;period=" + period + ";due=P2D");
        assertEquals(start, policy.periodOf(java.time.Instant.parse(at)).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "inspected=1.5;automatic=30;manual=50;call-back=20;due=P2D",
            "inspected=1;automatic=-1;manual=50;call-back=20;due=P2D",
            "inspected=1;automatic=0;manual=0;call-back=0;due=P2D",
            "inspected=1;automatic=30;manual=50;due=P2D",
            "inspected=1;automatic=30;manual=50;call-back=20;due=P2D;period=YEAR",
            "inspected=1;automatic=30;manual=50;call-back=20;due=2 days",
            "inspected=1;automatic=30;manual=50;call-back=20;due=P2D;colour=red"})
    void badSpecsAreRefused(String spec) {
        org.junit.jupiter.api.Assertions.assertThrows(InvalidPolicyException.class, () -> QualityPolicy.parse(spec));
    }
}
