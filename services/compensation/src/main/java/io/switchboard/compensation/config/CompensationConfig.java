package io.switchboard.compensation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The compensation service's settings, under {@code switchboard.compensation}. Policies left unset take the
 * defaults of domain.md from {@code default-policies.properties} (io.switchboard.compensation.domain).
 */
@ConfigMapping(prefix = "switchboard.compensation")
public interface CompensationConfig {

    /** Extra credit policies or new versions, by id: a spec in CreditPolicy's format. */
    Map<String, String> policies();

    /** The policy of a subscription that names none. */
    Optional<String> defaultPolicy();

    /** Dispute levels' deadlines, the committee time and the warning time (DisputePolicy's format). */
    Optional<String> disputes();

    /** The business calendar working days of disputes are counted on (services/calendar's spec). */
    Optional<String> disputeCalendar();

    /** How often open disputes are checked against their deadlines. */
    @WithDefault("PT1M")
    Duration disputeScanInterval();

    /**
     * How long after its end a billing month stays open: until then a change of a subscription's terms through the
     * billing sync recomputes the month's credits (an adjustment); after it the month is closed and its credits final.
     */
    @WithDefault("PT0S")
    Duration monthClosesAfter();

    /** Subscriptions one bulk request may carry. */
    @WithDefault("1000")
    int bulkLimit();
}
