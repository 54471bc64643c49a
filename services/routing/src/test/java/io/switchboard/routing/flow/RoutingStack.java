package io.switchboard.routing.flow;

import io.switchboard.contracts.Topic;
import io.switchboard.testkit.LocalStack;
import io.switchboard.testkit.LocalStackResource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The local stack, with this checkout's draft of the routing topic's schema registered (the topic is
 * unreleased, so its registry artifact takes a changed draft as a new version; other versions stay).
 */
public class RoutingStack extends LocalStackResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(super.start());
        registerDraft(Topic.ROUTING);
        skipHistory("routing.tickets", Topic.TICKETS);
        skipHistory("routing.sla", Topic.SLA);
        config.put("switchboard.routing.sweep-interval", "1s");
        config.put("switchboard.routing.group-cache-ttl", "0s");
        return config;
    }

    private static void registerDraft(Topic topic) {
        String schema = topic.valueSchema().toString();
        String body = "{\"artifactId\":" + quote(topic.valueSubject()) + ",\"artifactType\":\"AVRO\",\"firstVersion\":{\"content\":{\"content\":"
                + quote(schema) + ",\"contentType\":\"application/json\"}}}";
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(LocalStack.registryUrl() + "/groups/default/artifacts?ifExists=FIND_OR_CREATE_VERSION"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("registering " + topic.valueSubject() + ": HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("cannot register " + topic.valueSubject(), e);
        }
    }

    /**
     * The shared topics carry every earlier run's events (hundreds of thousands of tickets): this test
     * run's routing consumers start at their end, so that the tests see their own tickets routed, not a
     * replay of history. Only routing's own consumer groups are moved, before the service starts.
     */
    private static void skipHistory(String group, Topic topic) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", LocalStack.bootstrapServers()))) {
            var partitions = admin.describeTopics(java.util.List.of(topic.topicName())).allTopicNames().get()
                    .get(topic.topicName()).partitions().stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic.topicName(), p.partition())).toList();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(p, org.apache.kafka.clients.admin.OffsetSpec.latest()));
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> ends = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get().forEach((p, info) -> ends.put(p, new org.apache.kafka.clients.consumer.OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot move " + group + " to the end of " + topic.topicName(), e);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
