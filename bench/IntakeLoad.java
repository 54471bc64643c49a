import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop load on the intake's ticket endpoint: requests are sent at a fixed rate whatever the
 * server does, and each latency is measured from the moment the request was due (so a stalled
 * server shows up in the figures instead of slowing the load down).
 *
 * <p>Arguments: base-url rate-per-second seconds [customer-id]. Prints one result line.
 */
public class IntakeLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String customer = args.length > 3 ? args[3] : "bench-customer";
        int total = rate * seconds;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(base + "/api/v1/tickets");
        long[] latencies = new long[total];
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastStatus = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);

        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            String body = "{\"customerId\":\"" + customer + "\",\"summary\":\"Instance i-" + i + " unreachable from the console\","
                    + "\"description\":\"Benchmark ticket " + UUID.randomUUID() + ": the customer cannot reach the instance over SSH since the last maintenance window; ping works, port 22 times out.\","
                    + "\"product\":\"ecs\",\"region\":\"cn-beijing\",\"impact\":\"MODERATE\",\"urgency\":\"HIGH\",\"language\":\"zh\",\"category\":\"technical.ecs\"}";
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int index = i;
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                latencies[index] = System.nanoTime() - due;
                if (error == null && response.statusCode() == 201) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    lastStatus.set(error == null ? response.statusCode() : -1);
                }
                done.countDown();
            });
        }
        long sent = System.nanoTime();
        done.await();
        long finished = System.nanoTime();
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT,
                "rate=%d/s seconds=%d sent_in=%.1fs accepted=%d failed=%d (last status %d) throughput=%.0f/s p50=%.1fms p99=%.1fms p99.9=%.1fms max=%.1fms%n",
                rate, seconds, (sent - start) / 1e9, ok.get(), failed.get(), lastStatus.get(),
                ok.get() / ((finished - start) / 1e9), ms(latencies, 0.50), ms(latencies, 0.99), ms(latencies, 0.999),
                latencies[latencies.length - 1] / 1e6);
        System.exit(0);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
