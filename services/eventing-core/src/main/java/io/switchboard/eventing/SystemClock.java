package io.switchboard.eventing;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The UTC system clock, unless a service or a test provides another {@link Clock} bean.
 *
 * <p>{@code switchboard.clock.offset} (an ISO-8601 duration, unset by default) shifts it: the clock
 * still ticks in real time, but reads as now plus the offset. A test and demo setting only (the mesh
 * tests place all five services at 09:15 or 23:00 desk time with one offset); never set it in
 * production, where events, tokens and the other services keep real time.
 */
@ApplicationScoped
public class SystemClock {

    private static final Logger LOG = Logger.getLogger(SystemClock.class);

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "switchboard.clock.offset") Optional<Duration> offset) {
        Clock clock = of(offset);
        if (!clock.equals(Clock.systemUTC())) {
            LOG.warnf("switchboard.clock.offset=%s: this service's clock reads %s (a test and demo setting)",
                    offset.get(), clock.instant());
        }
        return clock;
    }

    /** The UTC system clock, shifted by {@code offset} when one is given and not zero. */
    public static Clock of(Optional<Duration> offset) {
        return offset.filter(o -> !o.isZero()).map(o -> Clock.offset(Clock.systemUTC(), o)).orElse(Clock.systemUTC());
    }
}
