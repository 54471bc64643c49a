import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.contracts.common.TicketClass;
import io.switchboard.contracts.common.Urgency;
import io.switchboard.contracts.routing.RoutingEvent;
import io.switchboard.contracts.routing.TicketAssigned;
import io.switchboard.contracts.routing.TicketQueued;
import io.switchboard.contracts.tickets.ResolutionCode;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.contracts.tickets.TicketResolved;
import io.switchboard.eventing.CloudEventHeaders;
import io.switchboard.eventing.Envelopes;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.EventSerde;
import io.switchboard.eventing.KafkaProducers;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routing's benchmark driver (bench/routing.sh runs it): TicketOpened on support.tickets.v1 to
 * TicketAssigned on support.routing.v1, open loop at a fixed rate, each assigned ticket resolved after
 * a fixed handling time so that capacity frees as fast as it fills. Also measures the bare Kafka
 * round trip (our own TicketOpened seen back on its topic) in the same run, as the null figure.
 *
 *   setup  BASE_URL OPERATOR_TOKEN SUPERVISOR_TOKEN AGENTS                  centre bench-utc, 4 groups of skill "bench", AGENTS agents (capacity 3), available
 *   database fresh|drop                          the bench's own database (DB_NAME): made afresh, or dropped
 *   skip   GROUP...                               move routing's consumer groups to the end of their topics (no replay of history)
 *   run    RATE SECONDS WARMUP RAMP HANDLING_SECONDS
 *          sends for WARMUP + SECONDS: the arrival rate rises linearly from 0 to RATE over the first RAMP seconds,
 *          then holds; prints counts and the latency percentiles of the SECONDS after the warm-up (steady state)
 */
public class RoutingBench {

    static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
    static final String REGISTRY = System.getenv().getOrDefault("REGISTRY_URL", "http://127.0.0.1:18080/apis/registry/v3");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "setup" -> setup(args[1], args[2], args[3], Integer.parseInt(args[4]));
            case "database" -> database(args[1].equals("fresh"));
            case "skip" -> {
                for (int i = 1; i < args.length; i++) {
                    skip(args[i], args[i].endsWith(".sla") ? Topic.SLA : Topic.TICKETS);
                }
            }
            case "run" -> run(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0); // the HTTP client's and the resolver's threads would keep the JVM up
    }

    static java.sql.Connection connect(String database) throws java.sql.SQLException {
        String url = "jdbc:postgresql://" + System.getenv().getOrDefault("DB_HOST", "127.0.0.1") + ":"
                + System.getenv().getOrDefault("DB_PORT", "15432") + "/" + database;
        return java.sql.DriverManager.getConnection(url,
                System.getenv().getOrDefault("DB_USERNAME", "switchboard"), System.getenv().getOrDefault("DB_PASSWORD", "switchboard"));
    }

    /** The bench's database (DB_NAME) dropped, and made again when {@code fresh}. */
    static void database(boolean fresh) throws Exception {
        String name = System.getenv().getOrDefault("DB_NAME", "routing_bench");
        if (!name.matches("[a-z_][a-z0-9_]*") || name.equals("routing")) {
            throw new IllegalArgumentException("DB_NAME must be a bench database of its own, not " + name);
        }
        try (java.sql.Connection db = connect("postgres"); java.sql.Statement sql = db.createStatement()) {
            sql.execute("drop database if exists " + name + " with (force)");
            if (fresh) {
                sql.execute("create database " + name);
            }
        }
    }

    static void setup(String base, String token, String supervisor, int agents) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        put(http, base + "/api/v1/routing/centres/bench-utc", token, "{\"zone\":\"UTC\"}").join();
        int groups = 4;
        for (int g = 1; g <= groups; g++) {
            put(http, base + "/api/v1/routing/groups/bench-g" + g, token, "{\"name\":\"bench " + g + "\",\"skill\":\"bench\",\"languages\":[\"en\"],"
                    + "\"certification\":\"BASIC_OPERATIONS\",\"level\":\"L1\",\"centre\":\"bench-utc\",\"hours\":\"24x7\",\"strategy\":\"LEAST_LOADED\",\"emergency\":false}").join();
        }
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int n = 0; n < agents; n++) {
            String id = String.format("bench-g%d-%04d", n % groups + 1, n);
            String url = base + "/api/v1/routing/agents/" + id;
            pending.add(put(http, url, token, "{\"name\":\"" + id + "\",\"centre\":\"bench-utc\",\"languages\":[\"en\"],\"skills\":{\"bench\":3},"
                    + "\"certifications\":[\"BASIC_OPERATIONS\"],\"groups\":[\"bench-g" + (n % groups + 1) + "\"],\"capacity\":3}")
                    .thenCompose(r -> put(http, url + "/presence", supervisor, "{\"presence\":\"AVAILABLE\"}")));
            if (pending.size() >= 32) {
                pending.forEach(CompletableFuture::join);
                pending.clear();
            }
        }
        pending.forEach(CompletableFuture::join);
        System.out.println("desk: " + agents + " agents in " + groups + " groups, available");
    }

    static CompletableFuture<HttpResponse<String>> put(HttpClient http, String url, String token, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(url + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r;
        });
    }

    static void skip(String group, Topic topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic.topicName())).allTopicNames().get().get(topic.topicName()).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic.topicName(), p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((p, i) -> ends.put(p, new OffsetAndMetadata(i.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get();
        }
    }

    static KafkaConsumer<byte[], byte[]> tail(String topic) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", BOOTSTRAP, "enable.auto.commit", false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }

    static void run(int rate, int seconds, int warmup, int ramp, int handlingSeconds) throws Exception {
        EventSerde serde = new EventSerde(REGISTRY);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaProducers.reliable(BOOTSTRAP, "routing-bench"),
                new StringSerializer(), new ByteArraySerializer());
        String run = Long.toString(System.currentTimeMillis(), 36);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> assignLatency = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> kafkaLatency = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> windowLatency = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong queued = new AtomicLong();
        AtomicLong assigned = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE); // set when sending starts: the first `warmup` seconds of sending are not measured
        ScheduledExecutorService resolver = Executors.newScheduledThreadPool(2);
        volatile_stop[0] = false;

        Thread routingTail = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> c = tail(Topic.ROUTING.topicName())) {
                while (!volatile_stop[0]) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(50))) {
                        String key = new String(r.key(), StandardCharsets.UTF_8);
                        if (!key.startsWith("B-" + run + "-")) {
                            continue;
                        }
                        long now = System.nanoTime();
                        Object payload = ((RoutingEvent) serde.deserialize(Topic.ROUTING, r.value())).getPayload();
                        if (payload instanceof TicketQueued) {
                            queued.incrementAndGet();
                        } else if (payload instanceof TicketAssigned) {
                            assigned.incrementAndGet();
                            Long t0 = sentAt.get(key);
                            if (t0 != null && t0 >= measureFrom.get()) {
                                assignLatency.add(now - t0);
                            }
                            if (t0 != null) {
                                windowLatency.add(now - t0);
                            }
                            resolver.schedule(() -> publish(producer, serde, Topic.TICKETS, key, resolved(key)), handlingSeconds, TimeUnit.SECONDS);
                        }
                    }
                }
            }
        });
        Thread ticketsTail = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> c = tail(Topic.TICKETS.topicName())) {
                while (!volatile_stop[0]) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(50))) {
                        String key = new String(r.key(), StandardCharsets.UTF_8);
                        Long t0 = sentAt.get(key);
                        if (t0 != null && t0 >= measureFrom.get() && key.startsWith("B-" + run + "-") && !seenOnce.contains(key)) {
                            kafkaLatency.add(System.nanoTime() - t0);
                            seenOnce.add(key);
                        }
                    }
                }
            }
        });
        routingTail.start();
        ticketsTail.start();
        Thread.sleep(2000);
        long runStart = System.nanoTime();
        ScheduledExecutorService series = Executors.newSingleThreadScheduledExecutor();
        long[] last = {0, 0, 0};
        series.scheduleAtFixedRate(() -> {
            // one line per 10 s: when a backlog starts shows beside the routing log and the profile
            List<Long> window;
            synchronized (windowLatency) {
                window = new ArrayList<>(windowLatency);
                windowLatency.clear();
            }
            window.sort(Long::compare);
            long s = sent.get(), a = assigned.get(), q = queued.get();
            System.out.printf("  t=%3d s: sent %d, assigned %d, queued %d in the last 10 s; assignment latency p50 %s, p99 %s, max %s%n",
                    Math.round((System.nanoTime() - runStart) / 1e9), s - last[0], a - last[1], q - last[2],
                    window.isEmpty() ? "-" : String.format("%.0f ms", pct(window, 0.50)),
                    window.isEmpty() ? "-" : String.format("%.0f ms", pct(window, 0.99)),
                    window.isEmpty() ? "-" : String.format("%.0f ms", window.get(window.size() - 1) / 1e6));
            last[0] = s;
            last[1] = a;
            last[2] = q;
        }, 10, 10, TimeUnit.SECONDS);

        ArrivalSchedule arrivals = new ArrivalSchedule(rate, Math.min(ramp, warmup));
        long start = System.nanoTime();
        measureFrom.set(start + TimeUnit.SECONDS.toNanos(warmup));
        long total = arrivals.countUntil(warmup + seconds);
        for (long i = 0; i < total; i++) {
            long due = start + arrivals.offsetNanos(i);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String id = "B-" + run + "-" + i;
            sentAt.put(id, System.nanoTime());
            publish(producer, serde, Topic.TICKETS, id, opened(id));
            sent.incrementAndGet();
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(Math.max(10, handlingSeconds + 5)));
        volatile_stop[0] = true;
        series.shutdownNow();
        routingTail.join();
        ticketsTail.join();
        resolver.shutdownNow();
        producer.close(Duration.ofSeconds(10));
        System.out.printf("offered %d/s for %d s after a %d s warm-up (rising over its first %d s), handling %d s: sent %d, assigned %d, queued %d%n",
                rate, seconds, warmup, Math.min(ramp, warmup), handlingSeconds, sent.get(), assigned.get(), queued.get());
        report("TicketOpened -> TicketAssigned", assignLatency, (long) rate * seconds);
        report("null: TicketOpened produced -> seen on its topic (Kafka round trip)", kafkaLatency, (long) rate * seconds);
    }

    /**
     * Open-loop arrival times: the rate rises linearly from 0 to {@code rate} over {@code ramp} seconds, then holds.
     * A cold instance (JIT, caches, connection pools) then meets the full rate warm, instead of starting
     * with a backlog that the steady-state window would inherit.
     */
    record ArrivalSchedule(int rate, int ramp) {
        private double rampCount() {
            return rate * ramp / 2.0;
        }

        /** Seconds from the start at which arrival {@code i} (from 0) is due. */
        double offsetSeconds(long i) {
            return i < rampCount() ? Math.sqrt(2.0 * ramp * i / rate) : ramp + (i - rampCount()) / rate;
        }

        long offsetNanos(long i) {
            return Math.round(offsetSeconds(i) * 1e9);
        }

        /** How many arrivals are due before {@code seconds} from the start. */
        long countUntil(int seconds) {
            return seconds <= ramp ? (long) Math.ceil(rate * (double) seconds * seconds / (2.0 * ramp))
                    : (long) Math.ceil(rampCount() + (double) rate * (seconds - ramp));
        }
    }

    static final boolean[] volatile_stop = {false};
    static final java.util.Set<String> seenOnce = ConcurrentHashMap.newKeySet();

    static void report(String what, List<Long> nanos, long expected) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(Long::compare);
        if (sorted.isEmpty()) {
            System.out.println(what + ": no samples");
            return;
        }
        System.out.printf("%s: %d of %d measured; p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, sorted.size(), expected,
                pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    static void publish(KafkaProducer<String, byte[]> producer, EventSerde serde, Topic topic, String key, SpecificRecord payload) {
        SpecificRecord envelope = Envelopes.wrap(topic, key, payload, "bench", Instant.now(), null);
        EventMetadata m = EventMetadata.of(envelope);
        producer.send(new ProducerRecord<>(topic.topicName(), null, key, serde.serialize(topic, envelope),
                CloudEventHeaders.of(m.eventId(), m.cloudEventType(), m.producer(), key, m.occurredAt())));
    }

    static TicketOpened opened(String id) {
        return TicketOpened.newBuilder().setTicketId(id).setCustomerId("bench").setCustomerTier(CustomerTier.STANDARD).setChannel(Channel.API)
                .setTicketClass(TicketClass.TECHNICAL).setCategory("technical.bench").setSkill("bench").setLanguage("en")
                .setImpact(Impact.MINOR).setUrgency(Urgency.LOW).setPriority(Priority.P4).setEmergency(false)
                .setSupportLevel(SupportLevel.L1).setSummary("bench ticket").setOpenedAt(Instant.now()).build();
    }

    static TicketResolved resolved(String id) {
        return TicketResolved.newBuilder().setTicketId(id).setCustomerId("bench").setChannel(Channel.API).setLanguage("en")
                .setResolutionCode(ResolutionCode.FIXED).setFirstContactResolution(true).setResolvedBy("bench")
                .setResolvedAt(Instant.now()).setEmergency(false).build();
    }
}
