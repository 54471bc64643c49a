package io.switchboard.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/**
 * Routing's settings under {@code switchboard.routing}. The policies' defaults are the facts of
 * domain.md in {@code io/switchboard/routing/domain/default-policies.properties}; an entry given
 * here replaces that entry (docs/services/routing.md).
 */
@ConfigMapping(prefix = "switchboard.routing")
public interface RoutingConfig {

    /** Policy entries over the defaults, e.g. {@code switchboard.routing.policy."after-hours"=WAIT}. */
    Map<String, String> policy();

    /** Load the default desk (centres, groups, a few hundred agents) at start, idempotently. */
    @WithDefault("true")
    boolean loadDefaultDesk();

    /** How often every queue is looked at again (openings, rosters, holiday seats, missed capacity). */
    @WithDefault("5s")
    Duration sweepInterval();

    /** At most this many agents are read for one decision: those who can take work, least used first. */
    @WithDefault("100")
    int candidatesPerDecision();

    /**
     * How often the desk held in memory (agents' presence, capacity, load) is compared with the
     * database, which other instances change too; a changed definition is read again whole.
     */
    @WithDefault("1s")
    Duration deskRefreshInterval();

    /**
     * How often that reading covers every agent (it forgets those gone); in between it reads only the
     * rows changed since the last reading.
     */
    @WithDefault("30s")
    Duration deskFullRefreshInterval();

    /** How long the groups read from the database are reused before being read again (other instances' changes). */
    @WithDefault("2s")
    Duration groupCacheTtl();
}
