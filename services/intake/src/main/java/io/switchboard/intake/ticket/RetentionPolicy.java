package io.switchboard.intake.ticket;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/** How long a closed ticket is kept: ordinary tickets 6 months, major incidents 5 years (domain defaults). */
@ConfigMapping(prefix = "switchboard.intake.retention")
public interface RetentionPolicy {

    @WithDefault("P6M")
    Period ordinary();

    @WithDefault("P5Y")
    Period majorIncident();

    default Instant retainUntil(Instant closedAt, boolean majorIncident) {
        return closedAt.atZone(ZoneOffset.UTC).plus(majorIncident ? majorIncident() : ordinary()).toInstant();
    }
}
