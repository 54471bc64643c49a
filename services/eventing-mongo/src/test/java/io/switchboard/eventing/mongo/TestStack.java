package io.switchboard.eventing.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The shared local stack's MongoDB stand-in and Kafka broker, with a database and a topic private
 * to this test run, both removed afterwards. Ports come from the same variables as the testkit's.
 */
final class TestStack implements AutoCloseable {

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port("SWITCHBOARD_MONGO_PORT", 27018));
    final MongoDatabase database = client.getDatabase("eventing_mongo_test_" + run);
    private final Admin admin;
    private final List<String> topics = new ArrayList<>();
    /** The topic the current test sends to; see {@link #newTopic()}. */
    String topic;

    TestStack() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        admin = Admin.create(props);
        newTopic();
    }

    /** Creates a fresh topic for the next test, so that it reads only its own records. */
    String newTopic() throws Exception {
        topic = "test.eventing-mongo." + run + "." + topics.size();
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        topics.add(topic);
        return topic;
    }

    static String bootstrapServers() {
        return "127.0.0.1:" + port("SWITCHBOARD_KAFKA_PORT", 19092);
    }

    KafkaProducer<String, byte[]> producer(String clientId) {
        return new KafkaProducer<>(MongoOutboxRelay.producerConfig(bootstrapServers(), clientId),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Every record on the run's topic so far, waiting until {@code done} holds or the timeout passes. */
    List<ConsumerRecord<String, byte[]>> records(Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, 3).mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                boolean caughtUp = partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                if (caughtUp && done.test(seen)) {
                    break;
                }
                if (caughtUp) {
                    end.putAll(consumer.endOffsets(partitions));
                }
            }
        }
        return seen;
    }

    /** The records so far, after a short wait: to show that something was not sent (again). */
    List<ConsumerRecord<String, byte[]>> recordsAfter(Duration window) {
        return records(r -> false, window);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        try {
            admin.deleteTopics(topics).all().get();
        } finally {
            admin.close(Duration.ofSeconds(5));
            database.drop();
            client.close();
        }
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
