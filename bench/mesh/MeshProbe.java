import io.switchboard.contracts.Topic;
import io.switchboard.contracts.routing.RoutingEvent;
import io.switchboard.contracts.routing.TicketAssigned;
import io.switchboard.contracts.tickets.TicketEvent;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.eventing.EventSerde;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mesh benchmark's probe (bench/mesh.sh runs it beside the open-loop client that posts tickets to
 * intake): times each ticket of the run's customer from intake's TicketOpened (its openedAt) to routing's
 * TicketAssigned on support.routing.v1 (the record's timestamp, set when the relay sent it), resolves
 * each assigned ticket through intake's API after a handling time (so that agents' capacity frees and
 * resolution flows through the mesh), and samples every consumer group's lag.
 *
 *   skip  (before the services start) every consumer group of the bench stack to the end of its topics
 *   desk  ROUTING_URL OPERATOR_TOKEN SUPERVISOR_TOKEN AGENTS SKILL CERTIFICATION LEVEL CAPACITY
 *   watch SECONDS WARMUP HANDLING_SECONDS INTAKE_URL SUPERVISOR_TOKEN CUSTOMER DRAIN_SECONDS
 */
public class MeshProbe {

    static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
    static final String REGISTRY = System.getenv().getOrDefault("REGISTRY_URL", "http://127.0.0.1:18080/apis/registry/v3");
    static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "desk" -> desk(args[1], args[2], args[3], Integer.parseInt(args[4]), args[5], args[6], args[7], Integer.parseInt(args[8]));
            case "watch" -> watch(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4], args[5], args[6],
                    Integer.parseInt(args[7]));
            case "skip" -> skipAllGroupsToEnd();
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    /**
     * Moves every consumer group of the bench stack (its own, nothing else uses it) to the end of the topics it has
     * offsets on, so that the services start where the load starts and not behind an earlier run's records.
     */
    static void skipAllGroupsToEnd() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get();
                if (committed.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, OffsetAndMetadata> ends = new java.util.HashMap<>();
                admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
                admin.alterConsumerGroupOffsets(group.groupId(), ends).all().get();
                System.out.printf("group %s moved to the end of %d partitions%n", group.groupId(), ends.size());
            }
        }
    }

    /** A 24x7 centre in UTC with four groups of the skill the bench ticket asks for, and AGENTS agents, available. */
    static void desk(String base, String operator, String supervisor, int agents, String skill, String certification, String level,
                     int capacity) throws Exception {
        reset();
        send(base + "/api/v1/routing/centres/mesh-utc", operator, "PUT", "{\"zone\":\"UTC\"}").join();
        int groups = 4;
        for (int g = 1; g <= groups; g++) {
            send(base + "/api/v1/routing/groups/mesh-g" + g, operator, "PUT", "{\"name\":\"mesh " + g + "\",\"skill\":\"" + skill
                    + "\",\"languages\":[\"en\"],\"certification\":\"" + certification + "\",\"level\":\"" + level
                    + "\",\"centre\":\"mesh-utc\",\"hours\":\"24x7\",\"strategy\":\"LEAST_LOADED\",\"emergency\":false}").join();
        }
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int n = 0; n < agents; n++) {
            String group = "mesh-g" + (n % groups + 1);
            String id = String.format("mesh-%04d", n);
            String url = base + "/api/v1/routing/agents/" + id;
            pending.add(send(url, operator, "PUT", "{\"name\":\"" + id + "\",\"centre\":\"mesh-utc\",\"languages\":[\"en\"],\"skills\":{\""
                    + skill + "\":3},\"certifications\":[\"" + certification + "\"],\"groups\":[\"" + group + "\"],\"capacity\":" + capacity + "}")
                    .thenCompose(r -> send(url + "/presence", supervisor, "PUT", "{\"presence\":\"AVAILABLE\"}")));
            if (pending.size() >= 16) {
                pending.forEach(CompletableFuture::join);
                pending.clear();
            }
        }
        pending.forEach(CompletableFuture::join);
        System.out.printf("desk: %d agents (capacity %d) in %d groups of skill %s, %s %s, 24x7, available%n", agents, capacity, groups,
                skill, certification, level);
    }

    /**
     * An interrupted run leaves its tickets held by agents (they were never resolved), and the next run would
     * measure a full desk. The bench stack is the benchmark's own, so every open ticket in routing's
     * database is closed and every agent's load cleared (routing has no API to forget tickets).
     */
    static void reset() throws Exception {
        String url = "jdbc:postgresql://" + System.getenv().getOrDefault("DB_HOST", "127.0.0.1") + ":"
                + System.getenv().getOrDefault("DB_PORT", "35432") + "/routing";
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url,
                System.getenv().getOrDefault("DB_USERNAME", "switchboard"), System.getenv().getOrDefault("DB_PASSWORD", "switchboard"));
             java.sql.Statement sql = db.createStatement()) {
            int tickets = sql.executeUpdate("update routed_ticket set status = 'DONE', agent_id = null where status <> 'DONE'");
            int held = sql.executeUpdate("update agent set load = 0 where load > 0");
            System.out.printf("reset: %d open tickets of earlier runs closed, %d agents' load cleared%n", tickets, held);
        }
    }

    static CompletableFuture<HttpResponse<String>> send(String url, String token, String method, String body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + url + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r;
        });
    }

    static volatile boolean stop;

    static void watch(int seconds, int warmup, int handling, String intake, String supervisor, String customer, int drain) throws Exception {
        EventSerde serde = new EventSerde(REGISTRY);
        long start = System.currentTimeMillis();
        long measureFrom = start + warmup * 1000L;
        long measureTo = start + seconds * 1000L;
        Map<String, Long> openedAt = new ConcurrentHashMap<>();
        Map<String, Boolean> assignedOnce = new ConcurrentHashMap<>();
        Histogram all = new Histogram(3_600_000L, 3); // milliseconds
        Histogram steady = new Histogram(3_600_000L, 3);
        AtomicLong opened = new AtomicLong(), assigned = new AtomicLong(), assignedAgain = new AtomicLong();
        AtomicLong resolvedOk = new AtomicLong(), resolvedFailed = new AtomicLong();
        ScheduledExecutorService resolver = Executors.newScheduledThreadPool(2);
        Thread tickets = tail(Topic.TICKETS, r -> {
            if (serde.deserialize(Topic.TICKETS, r.value()) instanceof TicketEvent e && e.getPayload() instanceof TicketOpened o
                    && customer.equals(o.getCustomerId())) {
                openedAt.put(o.getTicketId(), o.getOpenedAt().toEpochMilli());
                opened.incrementAndGet();
            }
        });
        Thread routing = tail(Topic.ROUTING, r -> {
            if (serde.deserialize(Topic.ROUTING, r.value()) instanceof RoutingEvent e && e.getPayload() instanceof TicketAssigned a) {
                String id = a.getTicketId();
                Long t0 = openedAt.get(id);
                if (t0 == null) {
                    return; // not ours, or its TicketOpened not read yet (the tickets tail is behind): not timed
                }
                if (assignedOnce.putIfAbsent(id, true) != null) {
                    assignedAgain.incrementAndGet();
                    return;
                }
                assigned.incrementAndGet();
                long ms = Math.max(0, r.timestamp() - t0);
                synchronized (all) {
                    all.recordValue(Math.min(ms, 3_600_000L));
                    if (t0 >= measureFrom && t0 < measureTo) {
                        steady.recordValue(Math.min(ms, 3_600_000L));
                    }
                }
                // The actor is the token's subject (a supervisor of the bench), not the assigned agent: intake takes it from the token.
                resolver.schedule(() -> send(intake + "/api/v1/tickets/" + id + "/resolve", supervisor, "POST",
                        "{\"resolutionCode\":\"FIXED\",\"firstContactResolution\":true}")
                        .whenComplete((ok, error) -> {
                            if (error == null) {
                                resolvedOk.incrementAndGet();
                            } else if (resolvedFailed.getAndIncrement() == 0) {
                                System.err.println("probe: first failed resolve: " + error.getMessage());
                            }
                        }), handling, TimeUnit.SECONDS);
            }
        });
        tickets.start();
        routing.start();
        System.out.println("ready"); // bench/mesh.sh starts the load on this line
        Map<String, List<Long>> lagSeries = new TreeMap<>();
        System.out.println("t_s opened assigned waiting resolved resolve_failed lag(group=records...)");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            long end = measureTo + drain * 1000L;
            while (System.currentTimeMillis() < end) {
                Thread.sleep(10_000);
                Map<String, Long> lags = lags(admin);
                lags.forEach((g, l) -> lagSeries.computeIfAbsent(g, k -> new ArrayList<>()).add(l));
                long now = System.currentTimeMillis();
                System.out.printf("%d %d %d %d %d %d %s%n", (now - start) / 1000, opened.get(), assigned.get(), opened.get() - assigned.get(),
                        resolvedOk.get(), resolvedFailed.get(), lags);
                if (now > measureTo + handling * 1000L + 5_000 && opened.get() == assigned.get()
                        && lags.values().stream().allMatch(l -> l == 0)) {
                    break; // everything assigned and every group caught up: the drain is over
                }
            }
        }
        stop = true;
        tickets.join();
        routing.join();
        resolver.shutdown();
        resolver.awaitTermination(handling + 10L, TimeUnit.SECONDS);
        Thread.sleep(2000);
        System.out.printf("tickets opened %d, assigned %d (again: %d), resolved %d (failed %d)%n", opened.get(), assigned.get(),
                assignedAgain.get(), resolvedOk.get(), resolvedFailed.get());
        print("intake -> assigned, all tickets", all);
        print("intake -> assigned, steady state (opened " + warmup + "-" + seconds + " s)", steady);
        System.out.println("consumer lag per group, sampled every 10 s: first / max / at end of load / last (records)");
        int endOfLoad = Math.max(0, seconds / 10 - 1);
        lagSeries.forEach((g, s) -> System.out.printf("  lag %s %d / %d / %d / %d%n", g, s.get(0), s.stream().mapToLong(Long::longValue).max().orElse(0),
                s.get(Math.min(endOfLoad, s.size() - 1)), s.get(s.size() - 1)));
    }

    static void print(String what, Histogram h) {
        if (h.getTotalCount() == 0) {
            System.out.println(what + ": no samples");
            return;
        }
        System.out.printf("%s: count=%d p50=%d p90=%d p99=%d p99.9=%d max=%d (ms)%n", what, h.getTotalCount(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }

    interface Handler {
        void accept(ConsumerRecord<byte[], byte[]> record) throws Exception;
    }

    /** Reads a topic from its end on its own thread until stopped. */
    static Thread tail(Topic topic, Handler handler) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", BOOTSTRAP, "enable.auto.commit", false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = c.partitionsFor(topic.topicName()).stream().map(p -> new TopicPartition(topic.topicName(), p.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return new Thread(() -> {
            try (c) {
                while (!stop) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                        try {
                            handler.accept(r);
                        } catch (Exception e) {
                            System.err.println("probe: skipped a record of " + topic.topicName() + ": " + e);
                        }
                    }
                }
            }
        });
    }

    /** Lag of every consumer group: its committed offsets against the partitions' ends, summed. */
    static Map<String, Long> lags(Admin admin) throws Exception {
        Map<String, Long> lags = new TreeMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
            }
            lags.put(group.groupId(), lag);
        }
        return lags;
    }
}
