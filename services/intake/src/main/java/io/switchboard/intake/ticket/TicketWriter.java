package io.switchboard.intake.ticket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.switchboard.web.errors.DatabaseUnavailable;
import io.switchboard.web.errors.ResourceNotFoundException;
import io.switchboard.web.errors.ServiceOverloadedException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit for ticket intake: requests wait in a bounded queue, and a few writer threads each
 * take whatever has gathered (up to a group size) and write it in one transaction, so that one
 * commit, one fsync and a few set-based statements serve many requests. The guarantees of one
 * request per transaction hold inside a group: work with one dedup key gives one ticket and
 * occurrences ({@link TicketOpening#openAll}), and one idempotency key gives one ticket, with replays
 * for the same body and a 422 for another. A group that fails is retried one request at a time, so
 * one bad request fails alone.
 */
@ApplicationScoped
public class TicketWriter {

    private static final Logger LOG = Logger.getLogger(TicketWriter.class);

    /** Tuning of the group commit ({@code switchboard.intake.writer.*}). */
    @ConfigMapping(prefix = "switchboard.intake.writer")
    public interface Settings {
        /** Writer threads, each with its own transaction and connection. */
        @WithDefault("2")
        int threads();

        /** The most requests one transaction takes. */
        @WithDefault("200")
        int maxGroupSize();

        /** Requests waiting beyond this are refused with 503 and Retry-After. */
        @WithDefault("5000")
        int queueCapacity();

        /**
         * After a group fails because the database cannot be reached, requests are refused with 503 at once
         * (not after the pool's connection wait) and one request per this interval tries the database again;
         * the first group that commits ends the outage.
         */
        @WithDefault("1s")
        Duration outageProbeInterval();
    }

    /** The outcome of one request: the ticket it landed on, and how. */
    public record Accepted(Ticket ticket, boolean opened, boolean replayed) {
    }

    /** One queued request (identity equality: it keys the outcome map). */
    private static final class Job {
        final TicketOpening.NewWork work;
        final String idempotencyKey;
        final String requestHash;
        final Executor completer;
        final CompletableFuture<Accepted> result = new CompletableFuture<>();

        Job(TicketOpening.NewWork work, String idempotencyKey, String requestHash, Executor completer) {
            this.work = work;
            this.idempotencyKey = idempotencyKey;
            this.requestHash = requestHash;
            this.completer = completer;
        }
    }

    private final TicketOpening opening;
    private final TicketRepository tickets;
    private final IdempotencyKeys idempotencyKeys;
    private final Settings settings;
    private final BlockingQueue<Job> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final DistributionSummary groupSizes;
    private final Timer groupTimes;
    private final Counter refusedQueueFull;
    private final Counter refusedDatabaseDown;
    private volatile boolean running;
    private volatile boolean databaseDown;
    private final AtomicLong nextProbeAtMillis = new AtomicLong();

    TicketWriter(TicketOpening opening, TicketRepository tickets, IdempotencyKeys idempotencyKeys, Settings settings,
                 MeterRegistry registry) {
        this.opening = opening;
        this.tickets = tickets;
        this.idempotencyKeys = idempotencyKeys;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        Gauge.builder("switchboard.intake.writer.queue", queue, BlockingQueue::size)
                .description("Ticket requests waiting for a group commit").register(registry);
        this.groupSizes = DistributionSummary.builder("switchboard.intake.writer.group.size")
                .description("Requests per group commit").publishPercentiles(0.5, 0.99).register(registry);
        this.groupTimes = Timer.builder("switchboard.intake.writer.group.duration")
                .description("Time to write and commit one group").publishPercentiles(0.5, 0.99).register(registry);
        this.refusedQueueFull = refusals(registry, "queue-full");
        this.refusedDatabaseDown = refusals(registry, "database-unavailable");
    }

    private static Counter refusals(MeterRegistry registry, String reason) {
        return Counter.builder("switchboard.intake.writer.refused").tag("reason", reason)
                .description("Ticket requests refused with 503 before reaching the database").register(registry);
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        for (int i = 0; i < settings.threads(); i++) {
            Thread thread = new Thread(this::drain, "ticket-writer-" + i);
            thread.start();
            threads.add(thread);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /**
     * Queues one request; the stage completes after its group has committed, on the Vert.x context
     * of the caller when there is one. Refuses at once when the queue is full.
     */
    public CompletionStage<Accepted> submit(TicketOpening.NewWork work, String idempotencyKey, byte[] canonicalRequest) {
        if (!running) {
            throw new ServiceOverloadedException("the ticket writer is stopped");
        }
        if (databaseDown && !probeDue()) {
            refusedDatabaseDown.increment();
            throw new ServiceOverloadedException("the database is unavailable");
        }
        Context context = Vertx.currentContext();
        Executor completer = context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
        Job job = new Job(work, idempotencyKey, idempotencyKey == null ? null : IdempotencyKeys.sha256(canonicalRequest),
                completer);
        if (!queue.offer(job)) {
            refusedQueueFull.increment();
            throw new ServiceOverloadedException("too many ticket requests waiting (" + settings.queueCapacity() + ")");
        }
        return job.result;
    }

    /** While the database is down: true for one caller per probe interval, whose request tries it again. */
    private boolean probeDue() {
        long now = System.currentTimeMillis();
        long due = nextProbeAtMillis.get();
        return now >= due && nextProbeAtMillis.compareAndSet(due, now + settings.outageProbeInterval().toMillis());
    }

    private void drain() {
        List<Job> group = new ArrayList<>(settings.maxGroupSize());
        while (running || !queue.isEmpty()) {
            try {
                Job first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, settings.maxGroupSize() - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("ticket writer failed", e); // write() completes every job; this is a last resort
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Job> group) {
        Map<Job, Object> outcomes;
        long started = System.nanoTime();
        try {
            outcomes = QuarkusTransaction.requiringNew().call(() -> writeGroup(group));
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.among(e)) {
                // The group did not commit (or, cut during the commit, a retry with its key finds it): 503 for all, at once.
                LOG.warnf("a group of %d ticket requests failed, database unavailable: %s", group.size(), e);
                databaseDown = true;
                nextProbeAtMillis.set(System.currentTimeMillis() + settings.outageProbeInterval().toMillis());
                group.forEach(job -> complete(job, e));
                // Those already waiting would each wait for the pool in vain: refused now as well.
                List<Job> waiting = new ArrayList<>();
                queue.drainTo(waiting);
                waiting.forEach(job -> complete(job, e));
                return;
            }
            if (group.size() > 1) {
                LOG.warnf(e, "a group of %d ticket requests failed; writing them one at a time", group.size());
                for (Job job : group) {
                    write(List.of(job));
                }
            } else {
                complete(group.get(0), e);
            }
            return;
        }
        if (databaseDown) {
            databaseDown = false;
            LOG.info("ticket writes commit again: the database outage is over");
        }
        groupTimes.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        groupSizes.record(group.size());
        for (Job job : group) {
            complete(job, outcomes.get(job));
        }
    }

    private static void complete(Job job, Object outcome) {
        job.completer.execute(() -> {
            if (outcome instanceof Accepted accepted) {
                job.result.complete(accepted);
            } else {
                job.result.completeExceptionally((Throwable) outcome);
            }
        });
    }

    /** One transaction: claim idempotency keys, open tickets, settle the keys. Per-request refusals are outcomes. */
    private Map<Job, Object> writeGroup(List<Job> group) {
        Map<Job, Object> outcomes = new HashMap<>();
        // The first request with a key claims it; later ones in the group are compared with it.
        TreeMap<String, String> hashByKey = new TreeMap<>();
        Map<String, Job> claimant = new HashMap<>();
        for (Job job : group) {
            if (job.idempotencyKey != null && claimant.putIfAbsent(job.idempotencyKey, job) == null) {
                hashByKey.put(job.idempotencyKey, job.requestHash);
            }
        }
        Map<String, IdempotencyKeys.Earlier> earlier = idempotencyKeys.claimAll(hashByKey);
        List<Job> toOpen = new ArrayList<>(group.size());
        Map<Job, String> replayOf = new HashMap<>();
        for (Job job : group) {
            String key = job.idempotencyKey;
            if (key == null) {
                toOpen.add(job);
                continue;
            }
            IdempotencyKeys.Earlier before = earlier.get(key);
            String expectedHash = before != null ? before.requestHash() : hashByKey.get(key);
            if (!expectedHash.equals(job.requestHash)) {
                outcomes.put(job, IdempotencyKeys.reused(key));
            } else if (before != null) {
                replayOf.put(job, before.ticketId());
            } else if (claimant.get(key) == job) {
                toOpen.add(job);
            } else {
                replayOf.put(job, null); // the claimant's ticket, known once it is opened
            }
        }
        List<TicketOpening.Intake> intakes = opening.openAll(toOpen.stream().map(job -> job.work).toList());
        Map<String, String> settled = new HashMap<>();
        Map<String, Ticket> byKey = new HashMap<>();
        for (int i = 0; i < toOpen.size(); i++) {
            Job job = toOpen.get(i);
            TicketOpening.Intake intake = intakes.get(i);
            outcomes.put(job, new Accepted(intake.ticket(), intake.opened(), false));
            if (job.idempotencyKey != null) {
                settled.put(job.idempotencyKey, intake.ticket().id);
                byKey.put(job.idempotencyKey, intake.ticket());
            }
        }
        idempotencyKeys.settleAll(settled);
        Map<String, Ticket> earlierTickets = tickets.snapshots(replayOf.values().stream().filter(java.util.Objects::nonNull).toList());
        replayOf.forEach((job, ticketId) -> {
            Ticket ticket = ticketId == null ? byKey.get(job.idempotencyKey) : earlierTickets.get(ticketId);
            outcomes.put(job, ticket != null ? new Accepted(ticket, false, true)
                    : new ResourceNotFoundException("ticket " + ticketId + " of Idempotency-Key " + job.idempotencyKey));
        });
        return outcomes;
    }
}
