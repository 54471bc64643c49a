import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The escalation benchmark's probe: reads support.sla.v1 from its end and, for every SlaBreached of a
 * bench clock (key B-<due epoch millis>-<n>), takes the lag from the due time to the record's
 * timestamp (set when the outbox relay sends it). Stops once `expected` breaches arrived or
 * `seconds` passed; prints percentiles, per-minute counts and duplicates.
 *
 *   java -cp '<kafka-clients and slf4j jars>' SlaLag.java <bootstrap> <expected> <seconds>
 */
public class SlaLag {
    public static void main(String[] args) {
        String bootstrap = args[0];
        long expected = Long.parseLong(args[1]);
        long seconds = Long.parseLong(args[2]);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        long[] lags = new long[(int) Math.min(expected, 5_000_000)];
        int n = 0;
        long duplicates = 0;
        Map<String, Boolean> seen = new HashMap<>();
        Map<Long, Long> perMinute = new java.util.TreeMap<>();
        long first = -1;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor("support.sla.v1")) parts.add(new TopicPartition(info.topic(), info.partition()));
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            System.out.println("probe ready");
            long deadline = System.currentTimeMillis() + seconds * 1000;
            while (n < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String key = r.key();
                    Header type = r.headers().lastHeader("ce_type");
                    if (key == null || !key.startsWith("B-") || type == null
                            || !new String(type.value(), StandardCharsets.UTF_8).endsWith(".SlaBreached")) continue;
                    if (seen.put(key, Boolean.TRUE) != null) { duplicates++; continue; }
                    long due = Long.parseLong(key.substring(2, key.indexOf('-', 2)));
                    if (first < 0) first = due;
                    perMinute.merge((due - first) / 60000, 1L, Long::sum);
                    if (n < lags.length) lags[n++] = r.timestamp() - due;
                }
            }
        }
        long[] sorted = Arrays.copyOf(lags, n);
        Arrays.sort(sorted);
        System.out.printf("breaches received: %d (expected %d), duplicates: %d%n", n, expected, duplicates);
        if (n > 0) {
            System.out.printf("lag due -> topic (ms): p50 %d  p90 %d  p99 %d  p99.9 %d  max %d  min %d%n", pct(sorted, 50), pct(sorted, 90),
                    pct(sorted, 99), pct(sorted, 99.9), sorted[n - 1], sorted[0]);
        }
        System.out.println("breaches per minute of due time: " + perMinute.values());
    }

    static long pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }
}
