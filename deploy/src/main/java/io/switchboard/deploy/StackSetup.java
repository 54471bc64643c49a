package io.switchboard.deploy;

import io.switchboard.contracts.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Provisions the local stack idempotently: the services' databases, every catalog topic with its
 * dead-letter topic, the registry's global BACKWARD rule and every topic's value schema.
 *
 * <p>Arguments: any of {@code databases}, {@code topics}, {@code schemas}. Addresses come from the
 * same SWITCHBOARD_* variables as deploy/stack-env.sh. The testkit calls the same steps in process
 * with a {@link Target} of its own (the Testcontainers stack), so that both stacks hold the same
 * databases, topics and schemas.
 */
public final class StackSetup {

    /**
     * Where the servers to provision answer.
     *
     * @param postgresJdbcUrl a JDBC URL of a database that exists ({@code postgres}), as a user that may create databases
     * @param registryUrl     Apicurio's core v3 API
     */
    public record Target(String postgresJdbcUrl, String postgresUser, String postgresPassword,
                         String bootstrapServers, String registryUrl) {

        /** The local stack, from the SWITCHBOARD_* variables of deploy/stack-env.sh. */
        public static Target fromEnvironment() {
            return new Target("jdbc:postgresql://127.0.0.1:" + env("SWITCHBOARD_PG_PORT", "15432") + "/postgres",
                    env("SWITCHBOARD_PG_USER", "switchboard"), env("SWITCHBOARD_PG_PASSWORD", "switchboard"),
                    "127.0.0.1:" + env("SWITCHBOARD_KAFKA_PORT", "19092"),
                    "http://127.0.0.1:" + env("SWITCHBOARD_REGISTRY_PORT", "18080") + "/apis/registry/v3");
        }
    }

    /** One database per PostgreSQL-backed service, the registry's storage, and the eventing library's tests. */
    static final List<String> DATABASES = List.of("intake", "routing", "escalation", "compensation", "registry", "eventing");
    static final int DEAD_LETTER_PARTITIONS = 1;
    static final String SCHEMA_GROUP = "default";

    public static void main(String[] args) throws Exception {
        Set<String> steps = Set.of(args);
        Target target = Target.fromEnvironment();
        if (steps.contains("databases")) {
            createDatabases(target);
        }
        if (steps.contains("topics")) {
            createTopics(target);
        }
        if (steps.contains("schemas")) {
            registerSchemas(target);
        }
    }

    /** Creates every service's database that does not exist yet. */
    public static void createDatabases(Target target) throws Exception {
        Properties credentials = new Properties();
        credentials.setProperty("user", target.postgresUser());
        credentials.setProperty("password", target.postgresPassword());
        // The driver itself rather than DriverManager, which refuses a driver loaded by another class
        // loader than its caller's (as in a Quarkus test, where the testkit calls this).
        try (Connection connection = new org.postgresql.Driver().connect(target.postgresJdbcUrl(), credentials)) {
            for (String database : DATABASES) {
                try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("create database \"" + database + "\"");
                }
                System.out.println("created database " + database);
            }
        }
    }

    /** Creates every catalog topic and its dead-letter topic that does not exist yet; grows partitions. */
    public static void createTopics(Target target) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                if (!existing.contains(topic.topicName())) {
                    missing.add(new NewTopic(topic.topicName(), topic.partitions(), (short) 1));
                }
                if (!existing.contains(topic.deadLetterTopicName())) {
                    missing.add(new NewTopic(topic.deadLetterTopicName(), DEAD_LETTER_PARTITIONS, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                System.out.println("created topics " + missing.stream().map(NewTopic::name).collect(Collectors.joining(", ")));
            }
            // A catalog that asks for more partitions than a topic has grows it; Kafka cannot shrink.
            Map<String, TopicDescription> described = admin.describeTopics(
                    List.of(Topic.values()).stream().map(Topic::topicName).toList()).allTopicNames().get(30, TimeUnit.SECONDS);
            for (Topic topic : Topic.values()) {
                int actual = described.get(topic.topicName()).partitions().size();
                if (actual < topic.partitions()) {
                    admin.createPartitions(Map.of(topic.topicName(), NewPartitions.increaseTo(topic.partitions())))
                            .all().get(30, TimeUnit.SECONDS);
                    System.out.printf("grew %s from %d to %d partitions%n", topic.topicName(), actual, topic.partitions());
                }
            }
        }
    }

    /** Sets the global BACKWARD rule and registers every topic's value schema (found, or a new version). */
    public static void registerSchemas(Target target) throws Exception {
        String registry = target.registryUrl();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        String rule = "{\"ruleType\":\"COMPATIBILITY\",\"config\":\"BACKWARD\"}";
        HttpResponse<String> created = send(http, "POST", registry + "/admin/rules", rule);
        if (created.statusCode() == 409) {
            created = send(http, "PUT", registry + "/admin/rules/COMPATIBILITY", rule);
        }
        expectSuccess(created, "setting the global BACKWARD compatibility rule");

        for (Topic topic : Topic.values()) {
            registerSchema(http, registry, topic);
        }
    }

    /**
     * Registers the current schema of one UNRELEASED topic (found, or a new version marked as a draft), e.g. a
     * branch's draft that its tests publish before the shared stack is provisioned again.
     */
    public static void registerDraftSchema(Target target, Topic topic) throws Exception {
        if (topic.released()) {
            throw new IllegalArgumentException(topic.topicName() + " is released: its schema changes only through the gate and make release-schemas");
        }
        registerSchema(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), target.registryUrl(), topic);
    }

    private static void registerSchema(HttpClient http, String registry, Topic topic) throws Exception {
        String artifact = registry + "/groups/" + SCHEMA_GROUP + "/artifacts/" + topic.valueSubject();
        // An unreleased topic's schema is free to change (docs/topics.md): its artifact carries a rule
        // NONE that overrides the global BACKWARD one, so a changed draft replaces the old one. A
        // released topic's artifact has no rule of its own, and the global rule holds.
        boolean exists = send(http, "GET", artifact, null).statusCode() == 200;
        if (exists) {
            applyDraftRule(http, artifact, !topic.released());
        }
        // The schema text of the generated class, which is what the serializer presents and
        // looks up by content (it carries avro.java.string, unlike the raw .avsc).
        String schema = topic.valueSchema().toString();
        String body = "{\"artifactId\":" + json(topic.valueSubject()) + ",\"artifactType\":\"AVRO\","
                + "\"firstVersion\":{\"content\":{\"content\":" + json(schema) + ",\"contentType\":\"application/json\"}}}";
        HttpResponse<String> response = send(http, "POST",
                registry + "/groups/" + SCHEMA_GROUP + "/artifacts?ifExists=FIND_OR_CREATE_VERSION", body);
        if (response.statusCode() == 409) {
            throw new IllegalStateException("the registry rejects the schema of " + topic.topicName()
                    + " as incompatible with its registered versions: " + response.body());
        }
        expectSuccess(response, "registering " + topic.valueSubject());
        if (!exists && !topic.released()) {
            applyDraftRule(http, artifact, true);
        }
        System.out.println("schema registered: " + topic.valueSubject());
    }

    private static void applyDraftRule(HttpClient http, String artifact, boolean draft) throws Exception {
        String rules = artifact + "/rules";
        if (draft) {
            HttpResponse<String> added = send(http, "POST", rules, "{\"ruleType\":\"COMPATIBILITY\",\"config\":\"NONE\"}");
            if (added.statusCode() == 409) {
                added = send(http, "PUT", rules + "/COMPATIBILITY", "{\"ruleType\":\"COMPATIBILITY\",\"config\":\"NONE\"}");
            }
            expectSuccess(added, "marking " + artifact + " as a draft (compatibility NONE)");
        } else {
            HttpResponse<String> removed = send(http, "DELETE", rules + "/COMPATIBILITY", null);
            if (removed.statusCode() != 404) {
                expectSuccess(removed, "removing the draft rule of " + artifact);
            }
        }
    }

    private static HttpResponse<String> send(HttpClient http, String method, String url, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void expectSuccess(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private StackSetup() {
    }
}
