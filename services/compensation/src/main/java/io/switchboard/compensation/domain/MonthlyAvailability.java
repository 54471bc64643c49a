package io.switchboard.compensation.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A subscription's availability in one billing month: the outages that affect it, each clipped to the
 * month (an outage across a month boundary counts in each month for its own part), and the union of
 * their periods, so that overlapping outages are never counted twice.
 *
 * <p>Comparisons against a threshold are exact (integer milliseconds, no division), so an availability of
 * exactly 99.95% is not below 99.95%.
 */
public record MonthlyAvailability(BillingMonth month, List<CountedOutage> outages, List<Period> unavailable,
                                  long unavailableMillis, long monthMillis) {

    /** An outage as counted in the month: its id, its whole period and the part inside the month. */
    public record CountedOutage(String outageId, Period period, Period inMonth) {
    }

    /** An outage affecting the subscription: its id and period. */
    public record Outage(String outageId, Period period) {
    }

    public static MonthlyAvailability of(BillingMonth month, List<Outage> outages) {
        Period bounds = new Period(month.start(), month.end());
        List<CountedOutage> counted = new ArrayList<>();
        for (Outage outage : outages) {
            outage.period().clippedTo(bounds)
                    .ifPresent(part -> counted.add(new CountedOutage(outage.outageId(), outage.period(), part)));
        }
        counted.sort(Comparator.comparing((CountedOutage c) -> c.inMonth().from()).thenComparing(CountedOutage::outageId));
        List<Period> merged = Period.merge(counted.stream().map(CountedOutage::inMonth).toList());
        long unavailable = merged.stream().map(Period::length).mapToLong(Duration::toMillis).sum();
        return new MonthlyAvailability(month, List.copyOf(counted), List.copyOf(merged), unavailable,
                bounds.length().toMillis());
    }

    /** Achieved availability in percent, rounded half-even to {@code scale} decimals (for display only). */
    public BigDecimal percent(int scale) {
        BigDecimal available = BigDecimal.valueOf(monthMillis - unavailableMillis).multiply(BigDecimal.valueOf(100));
        return available.divide(BigDecimal.valueOf(monthMillis), scale, RoundingMode.HALF_EVEN);
    }

    /** Exactly: is the achieved availability strictly below {@code thresholdPercent}? */
    public boolean isBelow(BigDecimal thresholdPercent) {
        BigDecimal achievedTimes100 = BigDecimal.valueOf(monthMillis - unavailableMillis).multiply(BigDecimal.valueOf(100));
        return achievedTimes100.compareTo(thresholdPercent.multiply(BigDecimal.valueOf(monthMillis))) < 0;
    }

    public BigDecimal unavailableMinutes() {
        return minutes(unavailableMillis);
    }

    public BigDecimal monthMinutes() {
        return minutes(monthMillis);
    }

    public static BigDecimal minutes(long millis) {
        // 60,000 has a factor 3: shown to four decimals, exact for whole seconds' multiples of 0.6 s and whole minutes.
        BigDecimal minutes = BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(60_000), 4, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return minutes.scale() < 0 ? minutes.setScale(0) : minutes;
    }

    public boolean hasOutage() {
        return unavailableMillis > 0;
    }
}
