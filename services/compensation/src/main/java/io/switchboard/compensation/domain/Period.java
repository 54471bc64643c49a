package io.switchboard.compensation.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A span of time, start inclusive, end exclusive; an outage's unavailable period. */
public record Period(Instant from, Instant until) {

    public Period {
        if (from == null || until == null) {
            throw new IllegalArgumentException("a period needs a start and an end");
        }
        if (!until.isAfter(from)) {
            throw new InvalidFieldException("endedAt", "must be after the start (" + from + "), was " + until);
        }
    }

    public Duration length() {
        return Duration.between(from, until);
    }

    public boolean overlaps(Period other) {
        return from.isBefore(other.until) && other.from.isBefore(until);
    }

    /** The part of this period inside {@code bounds}, if any. */
    public Optional<Period> clippedTo(Period bounds) {
        Instant start = from.isAfter(bounds.from) ? from : bounds.from;
        Instant end = until.isBefore(bounds.until) ? until : bounds.until;
        return end.isAfter(start) ? Optional.of(new Period(start, end)) : Optional.empty();
    }

    /**
     * The union of {@code periods} as disjoint periods in order: overlapping or touching periods become one, so
     * that a minute reported by several outages is counted once.
     */
    public static List<Period> merge(List<Period> periods) {
        List<Period> sorted = new ArrayList<>(periods);
        sorted.sort(Comparator.comparing(Period::from).thenComparing(Period::until));
        List<Period> merged = new ArrayList<>();
        for (Period p : sorted) {
            if (!merged.isEmpty() && !p.from.isAfter(merged.get(merged.size() - 1).until)) {
                Period last = merged.remove(merged.size() - 1);
                merged.add(new Period(last.from, p.until.isAfter(last.until) ? p.until : last.until));
            } else {
                merged.add(p);
            }
        }
        return merged;
    }
}
