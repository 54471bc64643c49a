package io.switchboard.eventing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An operator's tool: re-publishes the records of a dead-letter topic to the topics they were read
 * from (their {@code dlq.origin.topic}), after the fault that dead-lettered them is fixed. Plain
 * Kafka clients, no service needed: {@code make dlq-replay TOPIC=support.tickets.v1.dlq}.
 *
 * <p>Each record goes back with its key, value and headers (the {@code ce_*} ones included), minus
 * the {@code dlq.*} headers, plus {@link #REPLAYED_FROM} and {@link #REPLAYED_AT}. The tool reads
 * the dead-letter topic in a consumer group of its own ({@value #DEFAULT_REPLAY_GROUP} unless
 * told otherwise), up to the end it saw when it started, and commits its position only after
 * Kafka acknowledged the records it re-published: a second run publishes nothing again. A run
 * that dies between its sends and its commit re-publishes those records on the next run; the
 * consumers apply an event once anyway, because they drop event ids they have already processed.
 * Within one run, an event dead-lettered by several consumer groups is re-published once.
 */
public final class DeadLetterReplay {

    /** Where the re-published record was read: {@code <dead-letter topic>-<partition>@<offset>}. */
    public static final String REPLAYED_FROM = "replay.from";
    /** When it was re-published, ISO 8601 UTC. */
    public static final String REPLAYED_AT = "replay.at";
    public static final String DEFAULT_REPLAY_GROUP = "switchboard.dlq-replay";

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What to replay. {@code consumerGroup} (exact {@code dlq.consumer.group}) and {@code reason}
     * (a case-insensitive part of {@code dlq.reason}) are optional filters.
     */
    public record Options(String bootstrapServers, String deadLetterTopic, String replayGroup, String consumerGroup,
                          String reason, boolean dryRun) {

        public Options {
            if (!deadLetterTopic.endsWith(".dlq")) {
                deadLetterTopic = deadLetterTopic + ".dlq";
            }
            if (replayGroup == null || replayGroup.isBlank()) {
                replayGroup = DEFAULT_REPLAY_GROUP;
            }
        }

        boolean matches(ConsumerRecord<byte[], byte[]> record) {
            if (consumerGroup != null && !consumerGroup.equals(header(record, DeadLetters.CONSUMER_GROUP))) {
                return false;
            }
            String why = header(record, DeadLetters.REASON);
            return reason == null || (why != null && why.toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT)));
        }
    }

    /**
     * What a run did: records read from the dead-letter topic, re-published (or, in a dry run,
     * that would be), passed over by the filter or for lack of an origin, and left out as a
     * second dead letter of an event already re-published in this run.
     */
    public record Result(int read, int replayed, int filtered, int duplicates) {
    }

    private final Options options;
    private final PrintStream out;
    private final Clock clock;

    public DeadLetterReplay(Options options, PrintStream out, Clock clock) {
        this.options = options;
        this.out = out;
        this.clock = clock;
    }

    public Result run() throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = options.dryRun() ? null : new KafkaProducer<>(
                     KafkaProducers.reliable(options.bootstrapServers(), "dlq-replay"),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(options.deadLetterTopic(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("no topic " + options.deadLetterTopic());
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            // What is on the topic now is what this run replays; later dead letters wait for the next run.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            out.printf("%s %s from %s as %s%s%n", options.dryRun() ? "dry run: would replay" : "replaying",
                    describeFilter(), options.deadLetterTopic(), options.replayGroup(),
                    options.dryRun() ? " (nothing is published or committed)" : "");

            Set<String> published = new HashSet<>();
            int read = 0;
            int replayed = 0;
            int filtered = 0;
            int duplicates = 0;
            long lastProgress = System.nanoTime();
            while (!reachedEnd(consumer, partitions, end)) {
                if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("no progress on " + options.deadLetterTopic() + " for " + STALL_TIMEOUT);
                }
                Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue; // arrived after the start: not committed, so the next run takes it
                    }
                    lastProgress = System.nanoTime();
                    read++;
                    progress.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    String origin = header(record, DeadLetters.ORIGIN_TOPIC);
                    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
                    String eventId = header(record, CloudEventHeaders.ID);
                    if (origin == null || !options.matches(record)) {
                        filtered++;
                        continue;
                    }
                    if (eventId != null && !published.add(origin + '\u0000' + eventId)) {
                        duplicates++;
                        out.printf("  %s: event %s already replayed in this run (dead-lettered by %s too)%n",
                                where, eventId, header(record, DeadLetters.CONSUMER_GROUP));
                        continue;
                    }
                    replayed++;
                    out.printf("  %s %s -> %s key=%s event=%s group=%s reason=%s%n", options.dryRun() ? "would replay" : "replay",
                            where, origin, record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                            eventId, header(record, DeadLetters.CONSUMER_GROUP), header(record, DeadLetters.REASON));
                    if (!options.dryRun()) {
                        acks.add(producer.send(new ProducerRecord<>(origin, null, record.key(), record.value(),
                                replayHeaders(record, where))));
                    }
                }
                if (options.dryRun() || progress.isEmpty()) {
                    continue;
                }
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
                consumer.commitSync(progress); // after the acknowledgements: a crash before it replays again
            }
            Result result = new Result(read, replayed, filtered, duplicates);
            out.printf("%s %d of %d dead letter(s) read; %d passed over by the filter, %d duplicate event(s) left out%n",
                    options.dryRun() ? "would replay" : "replayed", replayed, read, filtered, duplicates);
            return result;
        }
    }

    private Headers replayHeaders(ConsumerRecord<byte[], byte[]> record, String where) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dlq.") && !header.key().startsWith("replay.")) {
                headers.add(header);
            }
        }
        headers.add(REPLAYED_FROM, where.getBytes(StandardCharsets.UTF_8));
        headers.add(REPLAYED_AT, clock.instant().toString().getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
                                      Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private Properties consumerConfig() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, options.replayGroup());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "dlq-replay");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    private String describeFilter() {
        List<String> parts = new ArrayList<>();
        if (options.consumerGroup() != null) {
            parts.add("consumer group " + options.consumerGroup());
        }
        if (options.reason() != null) {
            parts.add("reason containing '" + options.reason() + "'");
        }
        return parts.isEmpty() ? "every dead letter" : "the dead letters of " + String.join(" and ", parts);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static final String USAGE = """
            usage: DeadLetterReplay --topic <topic>.dlq [--group <consumer group>] [--reason <text>]
                                    [--replay-group <name>] [--dry-run] [--bootstrap-servers <host:port>]
              --topic              the dead-letter topic (or its origin topic; .dlq is added)
              --group              only records dead-lettered by this consumer group (dlq.consumer.group)
              --reason             only records whose dlq.reason contains this text (any case)
              --replay-group       the tool's own consumer group, which keeps its progress (default %s)
              --dry-run            print what would be replayed; publish and commit nothing
              --bootstrap-servers  default: $KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:${SWITCHBOARD_KAFKA_PORT:-19092}
            """.formatted(DEFAULT_REPLAY_GROUP);

    public static void main(String[] args) {
        String topic = null;
        String group = null;
        String reason = null;
        String replayGroup = null;
        boolean dryRun = false;
        String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null || bootstrap.isBlank()) {
            String port = System.getenv("SWITCHBOARD_KAFKA_PORT");
            bootstrap = "127.0.0.1:" + (port == null || port.isBlank() ? "19092" : port);
        }
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--topic" -> topic = args[++i];
                    case "--group" -> group = blankToNull(args[++i]);
                    case "--reason" -> reason = blankToNull(args[++i]);
                    case "--replay-group" -> replayGroup = blankToNull(args[++i]);
                    case "--bootstrap-servers" -> bootstrap = args[++i];
                    case "--dry-run" -> dryRun = true;
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("--topic is required");
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println(e instanceof ArrayIndexOutOfBoundsException ? "an option is missing its value" : e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        try {
            new DeadLetterReplay(new Options(bootstrap, topic, replayGroup, group, reason, dryRun), System.out,
                    Clock.systemUTC()).run();
        } catch (Exception e) {
            System.err.println("dead-letter replay failed: " + e);
            System.exit(1);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
