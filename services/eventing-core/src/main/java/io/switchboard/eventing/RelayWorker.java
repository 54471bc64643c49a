package io.switchboard.eventing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread of an outbox relay, whatever its store: it runs cycles back to back while they find a
 * full batch, waits for a wake-up (a commit with events) or the poll interval when idle, and backs off,
 * doubling up to a cap, after a failed cycle. The store supplies the cycle; this class knows no database.
 */
public final class RelayWorker {

    /** One relay cycle of the store. */
    @FunctionalInterface
    public interface Cycle {
        /** Relays up to a batch; returns how many events it settled (sent or parked); throws to be retried. */
        int run() throws Exception;
    }

    /** Told of every failed cycle, with how many failed in a row and the wait before the next. */
    @FunctionalInterface
    public interface FailureListener {
        void failed(int inARow, Duration backoff, Exception failure);
    }

    /**
     * @param batchSize       a cycle that settles fewer events than this found no more work
     * @param pollInterval    how long an idle worker waits for a wake-up before it looks again
     * @param linger          after an idle wait, how long to let concurrent commits gather into one batch
     * @param retryBackoff    the wait after a first failed cycle
     * @param maxRetryBackoff the cap of the doubling waits
     */
    public record Timing(int batchSize, Duration pollInterval, Duration linger, Duration retryBackoff,
                         Duration maxRetryBackoff) {
    }

    private final String threadName;
    private final Cycle cycle;
    private final Timing timing;
    private final FailureListener failures;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;

    public RelayWorker(String threadName, Cycle cycle, Timing timing, FailureListener failures) {
        this.threadName = threadName;
        this.cycle = cycle;
        this.timing = timing;
        this.failures = failures;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the cycle in flight, waiting for it at most {@code join}. */
    public synchronized void stop(Duration join) {
        if (!running) {
            return;
        }
        running = false;
        wakeUp();
        try {
            thread.join(join.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    public boolean isRunning() {
        return running;
    }

    /** Runs the next cycle now instead of after the poll interval. */
    public void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** The wait after {@code inARow} failed cycles: {@code retryBackoff} doubled for each, capped. */
    public static Duration backoff(Duration retryBackoff, Duration maxRetryBackoff, int inARow) {
        Duration backoff = retryBackoff.multipliedBy(1L << Math.min(Math.max(0, inARow - 1), 16));
        return backoff.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : backoff;
    }

    private void loop() {
        int inARow = 0;
        while (running) {
            try {
                int settled = cycle.run();
                inARow = 0;
                if (settled < timing.batchSize()) {
                    await(timing.pollInterval());
                    linger();
                }
            } catch (Exception e) {
                inARow++;
                Duration backoff = backoff(timing.retryBackoff(), timing.maxRetryBackoff(), inARow);
                failures.failed(inARow, backoff, e);
                await(backoff);
            }
        }
    }

    private void linger() {
        long nanos = timing.linger().toNanos();
        if (nanos > 0 && running) {
            LockSupport.parkNanos(nanos);
        }
    }

    private void await(Duration timeout) {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(Math.max(1, timeout.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }
}
