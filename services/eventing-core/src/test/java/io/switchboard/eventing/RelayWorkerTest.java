package io.switchboard.eventing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayWorkerTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void theBackOffDoublesFromTheFirstWaitUpToItsCap() {
        Duration first = Duration.ofSeconds(1);
        Duration cap = Duration.ofSeconds(30);
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L), List.of(1, 2, 3, 4, 5, 6, 40).stream()
                .map(inARow -> RelayWorker.backoff(first, cap, inARow).toSeconds()).toList());
    }

    @Test
    void aFullBatchIsFollowedAtOnceAndAnIdleWorkerWaitsForAWakeUp() throws Exception {
        AtomicInteger cycles = new AtomicInteger();
        CountDownLatch idle = new CountDownLatch(1);
        CountDownLatch woken = new CountDownLatch(1);
        // Three full batches, then nothing: the fourth cycle finds the outbox empty and the worker waits an hour.
        RelayWorker worker = new RelayWorker("test-relay", () -> {
            int n = cycles.incrementAndGet();
            if (n == 4) {
                idle.countDown();
            }
            if (n == 5) {
                woken.countDown();
            }
            return n <= 3 ? 10 : 0;
        }, new RelayWorker.Timing(10, HOUR, Duration.ZERO, HOUR, HOUR), (inARow, backoff, failure) -> { });
        worker.start();
        try {
            assertTrue(idle.await(10, TimeUnit.SECONDS), "full batches run back to back");
            assertEquals(4, cycles.get(), "and then it waits for the poll interval");
            worker.wakeUp();
            assertTrue(woken.await(10, TimeUnit.SECONDS), "a wake-up runs the next cycle without the hour's wait");
        } finally {
            worker.stop(Duration.ofSeconds(5));
        }
        assertTrue(!worker.isRunning());
    }

    @Test
    void failedCyclesAreReportedWithTheirCountInARowAndTheGrowingWait() throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        CountDownLatch third = new CountDownLatch(3);
        RelayWorker worker = new RelayWorker("test-relay", () -> {
            throw new IllegalStateException("kafka down");
        }, new RelayWorker.Timing(10, HOUR, Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(2)),
                (inARow, backoff, failure) -> {
                    reports.add(inARow + " " + backoff.toMillis() + " " + failure.getMessage());
                    third.countDown();
                });
        worker.start();
        try {
            assertTrue(third.await(10, TimeUnit.SECONDS));
        } finally {
            worker.stop(Duration.ofSeconds(5));
        }
        assertEquals(List.of("1 1 kafka down", "2 2 kafka down", "3 2 kafka down"), reports.subList(0, 3));
    }
}
