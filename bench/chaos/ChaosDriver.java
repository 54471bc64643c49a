import io.switchboard.contracts.Topic;
import io.switchboard.contracts.sla.SlaClockStarted;
import io.switchboard.contracts.sla.SlaEvent;
import io.switchboard.eventing.EventSerde;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault runs' load driver and auditor (bench/chaos.sh runs it against the chaos stack and mesh).
 *
 *   load   BASE_URL TOKEN RUN SECONDS RATE OUT   open loop: RATE POST /api/v1/tickets per second for SECONDS, each with its
 *                                               own Idempotency-Key, retried with that key on 503, 5xx, timeouts and
 *                                               refused connections until accepted (at most GIVE_UP_SECONDS after the
 *                                               run); every accepted ticket is written to OUT as "seq ticketId"
 *   drain  SECONDS                              waits until every consumer group has no lag; prints how long it took
 *   verify RUN OUT                              every store and topic, for the tickets in OUT: prints lost N, doubled N
 *   poison RUN                                  an undecodable record on every topic a service consumes
 *   dlq    RUN                                  each poison record on its .dlq once per group reading its topic, nothing else
 *   reset  GROUP TOPIC                          the group's offsets on TOPIC back to 0 (the group's members must be stopped)
 *   count  TOPIC                                the records on TOPIC (sum of its partitions' end offsets)
 *   policy ESCALATION_URL OPERATOR_TOKEN        publishes an SLA policy version in which the load's category
 *                                               (technical.chaos) has targets of weeks: no warning, breach or
 *                                               escalation fires during the runs, so each ticket's effects stay fixed
 *
 * A ticket's "effects" are those the load makes deterministically (docs/operations.md, "Fault runs"):
 * intake's row and idempotency key, one TicketOpened, routing's row and one TicketQueued or TicketAssigned,
 * escalation's clocks and one SlaClockStarted per target, compensation's customer_ticket row.
 * Events are counted by their event id: a record the relay sent twice with the same id is a redelivery
 * that consumers ignore (reported, not a doubling); two event ids for one effect are a doubling.
 */
public class ChaosDriver {

    static final String BOOTSTRAP = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:29092");
    static final String REGISTRY = env("REGISTRY_URL", "http://127.0.0.1:28080/apis/registry/v3");
    /** Per attempt: short enough to notice a dead instance, long enough not to retry a slow one into a storm. */
    static final long TIMEOUT_SECONDS = Long.parseLong(env("REQUEST_TIMEOUT_SECONDS", "15"));
    static final long GIVE_UP_SECONDS = Long.parseLong(env("GIVE_UP_SECONDS", "150"));

    /** Each topic a service reads, with the consumer groups that read it (the services' application.properties). */
    static final Map<String, Set<String>> READERS = new TreeMap<>(Map.of(
            "support.calls.inbound.v1", Set.of("intake.inbound-calls"),
            "support.incidents.inbound.v1", Set.of("intake.inbound-incidents"),
            "support.outages.inbound.v1", Set.of("compensation.inbound-outages"),
            "support.tickets.v1", Set.of("routing.tickets", "escalation.tickets", "compensation.customer-tickets", "feedback.tickets"),
            "support.routing.v1", Set.of("escalation.routing", "feedback.assignments"),
            "support.sla.v1", Set.of("routing.sla", "compensation.sla-events", "feedback.sla", "intake.escalation-signals"),
            "support.compensation.v1", Set.of("feedback.credits"),
            "support.feedback.v1", Set.of("intake.low-satisfaction")));

    public static void main(String[] args) throws Exception {
        int rc = switch (args[0]) {
            case "load" -> load(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]), Path.of(args[6]));
            case "drain" -> drain(Integer.parseInt(args[1]));
            case "verify" -> verify(args[1], Path.of(args[2]));
            case "poison" -> poison(args[1]);
            case "dlq" -> dlq(args[1]);
            case "reset" -> reset(args[1], args[2]);
            case "policy" -> policy(args[1], args[2]);
            case "count" -> count(args[1]);
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.exit(rc); // the HTTP client's and Kafka's threads would keep the JVM up
    }

    static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }

    // --- load -----------------------------------------------------------------------------------

    static final String CATEGORY = "technical.chaos";
    static final Pattern TICKET_ID = Pattern.compile("\"id\"\\s*:\\s*\"(TCK-[^\"]+)\"");

    static int load(String base, String token, String run, int seconds, int rate, Path out) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newFixedThreadPool(8)).build();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        Histogram accepted = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);   // intended start -> accepted
        Histogram unavailable = new Histogram(TimeUnit.MINUTES.toMicros(10), 3); // one attempt -> its 503
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        Map<Integer, String> tickets = new ConcurrentHashMap<>();
        AtomicLong pending = new AtomicLong();
        AtomicLong offeredCount = new AtomicLong();
        long total = (long) seconds * rate;
        long start = System.nanoTime();
        long giveUpAt = start + TimeUnit.SECONDS.toNanos(seconds + GIVE_UP_SECONDS);
        String customer = "chaos-" + run;
        class Attempt {
            final int seq;
            final long intended;
            int failures;
            Attempt(int seq, long intended) {
                this.seq = seq;
                this.intended = intended;
            }

            void send() {
                String body = "{\"customerId\":\"" + customer + "\",\"summary\":\"chaos " + run + " " + seq + "\","
                        + "\"impact\":\"MINOR\",\"urgency\":\"LOW\",\"category\":\"" + CATEGORY + "\",\"language\":\"en\"}";
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/tickets"))
                        .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Idempotency-Key", "chaos-" + run + "-" + seq)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long sent = System.nanoTime();
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                    long now = System.nanoTime();
                    Throwable cause = failure != null && failure.getCause() != null ? failure.getCause() : failure;
                    String outcome = cause != null ? cause.getClass().getSimpleName() : "HTTP " + response.statusCode();
                    outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                    if (response != null && (response.statusCode() == 200 || response.statusCode() == 201)) {
                        Matcher id = TICKET_ID.matcher(response.body());
                        if (id.find()) {
                            tickets.put(seq, id.group(1));
                            synchronized (accepted) {
                                accepted.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(now - intended), accepted.getHighestTrackableValue()));
                            }
                            pending.decrementAndGet();
                            return;
                        }
                    }
                    // 500 ms doubling to 8 s: a struggling or restarting intake is not flooded by retries
                    long delayMillis = 500L << Math.min(4, failures++);
                    if (response != null) {
                        int status = response.statusCode();
                        if (status == 503) {
                            synchronized (unavailable) {
                                unavailable.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(now - sent), unavailable.getHighestTrackableValue()));
                            }
                            delayMillis = 1000L * response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                        } else if (status < 500) { // the API's contract: a 4xx is final
                            System.err.println("refused " + seq + ": HTTP " + status + " " + response.body());
                            pending.decrementAndGet();
                            return;
                        }
                    }
                    if (now > giveUpAt) {
                        outcomes.computeIfAbsent("given up", k -> new AtomicLong()).incrementAndGet();
                        pending.decrementAndGet();
                        return;
                    }
                    timer.schedule(this::send, delayMillis, TimeUnit.MILLISECONDS);
                });
            }
        }
        // Open loop: request n is due at start + n/rate whatever the answers to the earlier ones.
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        Path stop = Path.of(out + ".stop"); // the fault script ends the load early by creating it
        for (int seq = 0; seq < total && (seq % rate != 0 || !Files.exists(stop)); seq++) {
            long intended = start + seq * periodNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            pending.incrementAndGet();
            offeredCount.incrementAndGet();
            new Attempt(seq, intended).send();
        }
        while (pending.get() > 0 && System.nanoTime() < giveUpAt + TimeUnit.SECONDS.toNanos(10)) {
            Thread.sleep(200);
        }
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out))) {
            new TreeMap<>(tickets).forEach((seq, id) -> writer.println(seq + " " + id));
        }
        long offered = offeredCount.get();
        System.out.printf("load %s: offered %d at %d/s for %.0fs; accepted %d, not accepted %d%n", run, offered, rate,
                (double) offered / rate, tickets.size(), offered - tickets.size());
        System.out.println("  attempts: " + new TreeMap<>(outcomes));
        System.out.printf("  intended start -> accepted (retries included), ms: p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                accepted.getValueAtPercentile(50) / 1e3, accepted.getValueAtPercentile(99) / 1e3,
                accepted.getValueAtPercentile(99.9) / 1e3, accepted.getMaxValue() / 1e3);
        if (unavailable.getTotalCount() > 0) {
            System.out.printf("  503 answers: %d, ms: p50 %.1f  p99 %.1f  max %.1f%n", unavailable.getTotalCount(),
                    unavailable.getValueAtPercentile(50) / 1e3, unavailable.getValueAtPercentile(99) / 1e3, unavailable.getMaxValue() / 1e3);
        }
        return tickets.size() == offered ? 0 : 1;
    }

    // --- drain ----------------------------------------------------------------------------------

    static int drain(int seconds) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        int quietChecks = 0;
        long lag = -1;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                lag = totalLag(admin);
                // The relays publish what the last handlers wrote: lag 0 twice, a few seconds apart.
                quietChecks = lag == 0 ? quietChecks + 1 : 0;
                if (quietChecks >= 3) {
                    System.out.printf("drained: consumer lag 0 after %.0fs%n", (System.nanoTime() - start) / 1e9);
                    return 0;
                }
                Thread.sleep(2000);
            }
        }
        System.out.printf("NOT DRAINED: consumer lag %d after %ds%n", lag, seconds);
        return 1;
    }

    static long totalLag(Admin admin) throws Exception {
        long lag = 0;
        for (GroupListing group : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null) {
                    lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                }
            }
        }
        return lag;
    }

    // --- verify ---------------------------------------------------------------------------------

    /** Lost and doubled effects, by kind. */
    static final class Verdict {
        final Map<String, Integer> lost = new TreeMap<>();
        final Map<String, Integer> doubled = new TreeMap<>();
        final Map<String, Integer> redelivered = new TreeMap<>();

        void lost(String what) {
            lost.merge(what, 1, Integer::sum);
        }

        void doubled(String what) {
            doubled.merge(what, 1, Integer::sum);
        }

        int total(Map<String, Integer> counts) {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    static int verify(String run, Path out) throws Exception {
        Map<String, String> ticketBySeq = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            String[] parts = line.split(" ");
            ticketBySeq.put(parts[0], parts[1]);
        }
        Set<String> ticketIds = new HashSet<>(ticketBySeq.values());
        Verdict verdict = new Verdict();
        if (ticketBySeq.size() != ticketIds.size()) {
            verdict.doubled.put("two requests answered with one ticket", ticketBySeq.size() - ticketIds.size());
        }

        // intake: one ticket per request (its summary names the request), the one the client was given.
        Map<String, List<String>> ticketsBySeq = new HashMap<>();
        try (Connection db = database("intake");
             PreparedStatement rows = db.prepareStatement("select id, summary from ticket where customer_id = ?")) {
            rows.setString(1, "chaos-" + run);
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    String seq = rs.getString(2).substring(rs.getString(2).lastIndexOf(' ') + 1);
                    ticketsBySeq.computeIfAbsent(seq, k -> new ArrayList<>()).add(rs.getString(1));
                }
            }
            Map<String, String> keys = new HashMap<>();
            try (PreparedStatement key = db.prepareStatement("select idempotency_key, ticket_id from idempotency_key where idempotency_key like ?")) {
                key.setString(1, "chaos-" + run + "-%");
                try (ResultSet rs = key.executeQuery()) {
                    while (rs.next()) {
                        keys.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            ticketBySeq.forEach((seq, id) -> {
                List<String> stored = ticketsBySeq.getOrDefault(seq, List.of());
                if (!stored.contains(id)) {
                    verdict.lost("intake ticket row");
                }
                if (stored.size() > 1) {
                    verdict.doubled("intake ticket row");
                }
                if (!id.equals(keys.get("chaos-" + run + "-" + seq))) {
                    verdict.lost("intake idempotency key");
                }
            });
            long unanswered = ticketsBySeq.keySet().stream().filter(seq -> !ticketBySeq.containsKey(seq)).count();
            if (unanswered > 0) {
                System.out.println("  intake holds " + unanswered + " tickets of requests the driver gave up on (not counted)");
            }
        }

        Map<String, Map<String, Set<String>>> tickets = eventIds(Topic.TICKETS, ticketIds, null);
        Map<String, Map<String, Set<String>>> routing = eventIds(Topic.ROUTING, ticketIds, null);
        EventSerde serde = new EventSerde(REGISTRY);
        Map<String, Map<String, Set<String>>> sla = eventIds(Topic.SLA, ticketIds, (type, value) -> {
            if (!type.endsWith("SlaClockStarted")) {
                return null;
            }
            SlaClockStarted started = (SlaClockStarted) ((SlaEvent) serde.deserialize(Topic.SLA, value)).getPayload();
            return "SlaClockStarted " + started.getTarget();
        });
        for (String id : ticketIds) {
            exactlyOne(verdict, "TicketOpened", tickets.get(id), "TicketOpened");
            Map<String, Set<String>> routed = routing.getOrDefault(id, Map.of());
            if (!routed.containsKey("TicketQueued") && !routed.containsKey("TicketAssigned")) {
                verdict.lost("TicketQueued or TicketAssigned");
            }
            // Each re-route (TicketRerouted or TicketUnassigned) may place the ticket once more.
            int placements = 1 + Math.max(routed.getOrDefault("TicketRerouted", Set.of()).size(),
                    routed.getOrDefault("TicketUnassigned", Set.of()).size());
            // A queued ticket is later assigned from its queue: one of each per placement.
            if (routed.getOrDefault("TicketQueued", Set.of()).size() > placements
                    || routed.getOrDefault("TicketAssigned", Set.of()).size() > placements) {
                verdict.doubled("TicketQueued or TicketAssigned");
            }
            Map<String, Set<String>> clocks = sla.getOrDefault(id, Map.of());
            if (clocks.keySet().stream().noneMatch(t -> t.startsWith("SlaClockStarted"))) {
                verdict.lost("SlaClockStarted");
            }
            clocks.forEach((target, events) -> {
                if (target.startsWith("SlaClockStarted") && events.size() > 1) {
                    verdict.doubled(target);
                }
            });
        }
        verdict.redelivered.putAll(redeliveries);

        // Rows keyed by ticket id cannot double; they can be missing.
        present(verdict, "routing", "select id from routed_ticket where id = any(?)", ticketIds, "routing routed_ticket row");
        present(verdict, "escalation", "select distinct ticket_id from sla_clock where ticket_id = any(?)", ticketIds, "escalation sla_clock rows");
        present(verdict, "compensation", "select ticket_id from customer_ticket where ticket_id = any(?)", ticketIds, "compensation customer_ticket row");

        System.out.printf("verify %s: %d accepted tickets; effects checked: intake row and key, TicketOpened, routing row and "
                + "TicketQueued/TicketAssigned, escalation clocks and SlaClockStarted per target, compensation customer_ticket%n",
                run, ticketIds.size());
        if (!verdict.lost.isEmpty()) {
            System.out.println("  lost: " + verdict.lost);
        }
        if (!verdict.doubled.isEmpty()) {
            System.out.println("  doubled: " + verdict.doubled);
        }
        if (!verdict.redelivered.isEmpty()) {
            System.out.println("  redelivered copies (same event id, ignored by consumers): " + verdict.redelivered);
        }
        int lost = verdict.total(verdict.lost);
        int doubled = verdict.total(verdict.doubled);
        System.out.printf("VERDICT %s: lost %d, doubled %d%n", run, lost, doubled);
        return lost == 0 && doubled == 0 ? 0 : 1;
    }

    static void exactlyOne(Verdict verdict, String what, Map<String, Set<String>> byType, String type) {
        int count = byType == null ? 0 : byType.getOrDefault(type, Set.of()).size();
        if (count == 0) {
            verdict.lost(what);
        } else if (count > 1) {
            verdict.doubled(what);
        }
    }

    static final Map<String, Integer> redeliveries = new TreeMap<>();

    interface Classifier {
        String classify(String type, byte[] value) throws Exception;
    }

    /** Per ticket id among {@code ids}: event type (or the classifier's name for it) -> the distinct event ids on the topic. */
    static Map<String, Map<String, Set<String>>> eventIds(Topic topic, Set<String> ids, Classifier classifier) throws Exception {
        Map<String, Map<String, Set<String>>> found = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(topic.topicName())) {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (key == null || !ids.contains(key)) {
                continue;
            }
            String type = header(record, "ce_type");
            if (type == null) {
                continue;
            }
            String name = classifier == null ? type.substring(type.lastIndexOf('.') + 1) : classifier.classify(type, record.value());
            if (name == null) {
                continue;
            }
            if (!found.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(name, k -> new HashSet<>()).add(header(record, "ce_id"))) {
                redeliveries.merge(name, 1, Integer::sum);
            }
        }
        return found;
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", BOOTSTRAP,
                "enable.auto.commit", false, "max.poll.records", 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static void present(Verdict verdict, String database, String sql, Collection<String> ids, String what) throws Exception {
        Set<String> found = new HashSet<>();
        try (Connection db = database(database); PreparedStatement query = db.prepareStatement(sql)) {
            query.setArray(1, db.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        ids.stream().filter(id -> !found.contains(id)).forEach(id -> verdict.lost(what));
    }

    static Connection database(String name) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://" + env("DB_HOST", "127.0.0.1") + ":" + env("DB_PORT", "25432") + "/" + name,
                env("DB_USERNAME", "switchboard"), env("DB_PASSWORD", "switchboard"));
    }

    // --- poison and dead letters -----------------------------------------------------------------

    static int poison(String run) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", BOOTSTRAP, "acks", "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String topic : READERS.keySet()) {
                // Not Avro of any registered schema: no magic byte, no schema id.
                producer.send(new ProducerRecord<>(topic, ("poison-" + run).getBytes(StandardCharsets.UTF_8),
                        ("not an event " + run).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        System.out.println("poison " + run + ": one undecodable record on each of " + READERS.keySet());
        return 0;
    }

    static int dlq(String run) throws Exception {
        int wrong = 0;
        for (var entry : READERS.entrySet()) {
            Map<String, Integer> groups = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> record : readAll(entry.getKey() + ".dlq")) {
                if (record.key() != null && new String(record.key(), StandardCharsets.UTF_8).equals("poison-" + run)) {
                    groups.merge(String.valueOf(header(record, "dlq.consumer.group")), 1, Integer::sum);
                }
            }
            boolean once = groups.keySet().equals(entry.getValue()) && groups.values().stream().allMatch(n -> n == 1);
            if (!once) {
                wrong++;
            }
            System.out.printf("  %s.dlq: %s (expected once from each of %s)%s%n", entry.getKey(), groups, new java.util.TreeSet<>(entry.getValue()), once ? "" : "  <-- WRONG");
        }
        System.out.printf("DLQ %s: %d of %d topics wrong%n", run, wrong, READERS.size());
        return wrong == 0 ? 0 : 1;
    }

    // --- replay ---------------------------------------------------------------------------------

    static int reset(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> zero.put(new TopicPartition(topic, p.partition()), new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(group, zero).all().get();
        }
        System.out.println("reset: " + group + " on " + topic + " back to offset 0");
        return 0;
    }

    // --- policy ---------------------------------------------------------------------------------

    static int policy(String base, String token) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> current = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sla/policy"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (current.statusCode() != 200) {
            throw new IllegalStateException("GET policy: HTTP " + current.statusCode() + " " + current.body());
        }
        var entries = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(current.body()).get("entries");
        String rule = "rule.*.*." + CATEGORY;
        if (entries.has(rule)) {
            System.out.println("policy: " + rule + " already in effect");
            return 0;
        }
        entries.put(rule, "first-response=30d; next-update=30d; resolution=60d; l1-budget=30d; expert-join=30d");
        HttpResponse<String> published = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sla/policy/versions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(json.createObjectNode().set("entries", entries))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (published.statusCode() != 201) {
            throw new IllegalStateException("POST policy version: HTTP " + published.statusCode() + " " + published.body());
        }
        System.out.println("policy: published " + rule);
        return 0;
    }

    static int count(String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            System.out.println(admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum());
        }
        return 0;
    }

    static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", BOOTSTRAP));
    }
}
