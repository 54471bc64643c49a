package io.switchboard.compensation.dispute;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.compensation.config.CompensationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Checks open disputes against their deadlines every {@code dispute-scan-interval}. */
@ApplicationScoped
public class DisputeWatch {

    private static final Logger LOG = Logger.getLogger(DisputeWatch.class);

    private final Disputes disputes;
    private final CompensationConfig config;
    private final Clock clock;
    private ScheduledExecutorService timer;

    DisputeWatch(Disputes disputes, CompensationConfig config, Clock clock) {
        this.disputes = disputes;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dispute-watch");
            t.setDaemon(true);
            return t;
        });
        long every = config.disputeScanInterval().toMillis();
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void tick() {
        try {
            disputes.watch(clock.instant());
        } catch (RuntimeException e) {
            // The next tick tries again; a dispute's stage only moves forward, so nothing is lost.
            LOG.warn("dispute deadline check failed", e);
        }
    }
}
