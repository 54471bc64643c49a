package io.switchboard.feedback.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MetricSumsTest {

    private static MetricSums nps(long answers, long promoters, long detractors) {
        return new MetricSums(0, 0, 0, new long[5], answers, promoters, detractors, 0, 0, 0, 0, 0, 0);
    }

    @ParameterizedTest(name = "{0} answers, {1} promoters, {2} detractors: NPS {3}")
    @CsvSource({
            "10, 10, 0, 100",
            "10, 0, 10, -100",
            "10, 5, 5, 0",
            "100, 70, 10, 60",
            "4, 3, 0, 75",
            "3, 1, 1, 0",
            "8, 7, 1, 75"})
    void npsIsPromotersMinusDetractorsInPercentOfAnswers(long answers, long promoters, long detractors, double expected) {
        assertEquals(expected, nps(answers, promoters, detractors).nps(), 1e-9);
    }

    @Test
    void noAnswersGiveNoFigureRatherThanZero() {
        MetricSums empty = new MetricSums(0, 0, 0, new long[5], 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertNull(empty.nps());
        assertNull(empty.csatAverage());
        assertNull(empty.csatDistribution());
        assertNull(empty.fcrRate());
        assertNull(empty.responseRate());
        assertNull(empty.handlingAverageSeconds());
        assertNull(empty.against(MetricTargets.parse("csat=4.5;nps=75;fcr=0.85;handling=PT8M")).csat());
    }

    @Test
    void csatAverageDistributionRatesAndTargets() {
        // 10 contacts, 8 surveyed, 4 answered: CSAT 5, 5, 4, 2; 9 resolved on first contact; handling 300+600+420 s
        MetricSums sums = new MetricSums(10, 8, 4, new long[]{0, 1, 0, 1, 2}, 4, 3, 1, 9, 4, 3, 3, 1320, 1);
        assertEquals(4.0, sums.csatAverage(), 1e-9);
        assertArrayEquals(new double[]{0, 0.25, 0, 0.25, 0.5}, sums.csatDistribution(), 1e-9);
        assertEquals(50.0, sums.nps(), 1e-9);
        assertEquals(0.9, sums.fcrRate(), 1e-9);
        assertEquals(0.75, sums.customerFcrRate(), 1e-9);
        assertEquals(0.5, sums.responseRate(), 1e-9);
        assertEquals(440.0, sums.handlingAverageSeconds(), 1e-9);

        MetricSums.Attainments against = sums.against(new MetricTargets(4.5, 75, 0.85, Duration.ofMinutes(8)));
        assertEquals(false, against.csat());
        assertEquals(false, against.nps());
        assertEquals(true, against.fcr());
        assertEquals(true, against.handling(), "440 s is within 8 min");
    }

    @ParameterizedTest(name = "met {0}, missed {1}, cancelled {2}: {3}")
    @CsvSource({
            "9, 1, 0, 0.9",
            "9, 1, 50, 0.9",
            "0, 4, 0, 0.0",
            "3, 0, 0, 1.0"})
    void slaAttainmentLeavesCancelledClocksOut(long met, long missed, long cancelled, double rate) {
        assertEquals(rate, new SlaAttainment(met, missed, cancelled).rate(), 1e-9);
    }

    @Test
    void onlyCancelledClocksGiveNoAttainment() {
        assertNull(new SlaAttainment(0, 0, 5).rate());
    }

    @Test
    void targetsParseFromTheirSpec() {
        MetricTargets targets = MetricTargets.parse("csat=4.5;nps=75;fcr=0.85;handling=PT8M");
        assertEquals(new MetricTargets(4.5, 75, 0.85, Duration.ofMinutes(8)), targets);
        org.junit.jupiter.api.Assertions.assertThrows(InvalidPolicyException.class,
                () -> MetricTargets.parse("csat=4.5;nps=75;fcr=85;handling=PT8M"), "fcr is a share, not a percentage");
    }
}
