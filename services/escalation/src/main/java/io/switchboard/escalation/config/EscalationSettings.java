package io.switchboard.escalation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** The escalation service's settings, under {@code switchboard.escalation}. */
@ConfigMapping(prefix = "switchboard.escalation")
public interface EscalationSettings {

    Policy policy();

    Timers timers();

    interface Policy {
        /** The policy the desk runs under. */
        @WithDefault("desk")
        String id();

        /**
         * Version 1 of the policy, written at first start when the database has none: entries in the
         * policy format ({@code "rule.P1.*"=...}). Empty means the defaults of domain.md
         * ({@code io/switchboard/escalation/domain/default-policy.properties}). Later versions are published through the API.
         */
        Map<String, String> entries();

        /** How long an instance reuses the policy versions it read before it looks for newer ones. */
        @WithDefault("5s")
        Duration refresh();
    }

    interface Timers {
        /** Whether this instance fires due timers (any number of instances may; each due row fires once). */
        @WithDefault("true")
        boolean enabled();

        /** How often an idle poller looks for due timers. */
        @WithDefault("100ms")
        Duration pollInterval();

        /** Poller threads per instance; they share the due rows through SKIP LOCKED. */
        @WithDefault("2")
        int threads();

        /** Due tickets (or incidents) claimed per transaction. */
        @WithDefault("200")
        int batchSize();
    }
}
