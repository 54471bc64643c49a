package io.switchboard.eventing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.outages.InboundOutageEvent;
import io.switchboard.testkit.DatabaseProxy;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service's database goes away for 20 s while records arrive: nothing is dead-lettered, the
 * consumer reports itself not ready meanwhile, and afterwards every record is applied once, in order.
 */
@QuarkusTest
@TestProfile(DatabaseOutageProfile.class)
@QuarkusTestResource(LocalStackResource.class)
class DatabaseOutageTest {

    private static final String GROUP = "eventing-test.outage-ledger";
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @Inject
    EventSerde serde;
    @Inject
    OutageLedger ledger;
    @TestHTTPResource("/q/health/ready")
    URL ready;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDatabaseOutagePausesTheConsumerAndDeadLettersNothing() throws Exception {
        DatabaseProxy proxy = DatabaseOutageProfile.proxy();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> outages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            outages.add("db-outage-" + run + "-" + i); // keys spread over the topic's partitions
        }
        Map<String, List<String>> sent = new LinkedHashMap<>();
        try (TopicProbe deadLetters = TopicProbe.open(Topic.OUTAGES_INBOUND.deadLetterTopicName());
             RawProducer producer = new RawProducer()) {
            String warmUp = "db-outage-" + run + "-warm-up";
            send(producer, warmUp, new LinkedHashMap<>());
            await().atMost(Duration.ofSeconds(60)).until(() -> eventIds(warmUp).size() == 1);

            long cutAt = System.nanoTime();
            proxy.cut();
            try {
                for (int round = 0; round < 3; round++) {
                    for (String outage : outages) {
                        send(producer, outage, sent);
                    }
                    Thread.sleep(1_000);
                }
                await().atMost(OUTAGE).until(() -> consumerPaused(readiness()));
                JsonObject health = readiness();
                assertEquals("DOWN", health.getString("status"), health.toString());
                long left = OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - cutAt).toMillis();
                if (left > 0) {
                    Thread.sleep(left);
                }
                assertTrue(consumerPaused(readiness()), "still paused at the end of the outage: " + readiness());
            } finally {
                proxy.restore();
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> outages.stream().allMatch(o -> eventIds(o).size() >= 3));
            for (String outage : outages) {
                assertEquals(sent.get(outage), eventIds(outage), "each event of " + outage + " applied once, in order");
            }
            List<?> dead = deadLetters.collect(r -> r.key() != null
                    && new String(r.key(), StandardCharsets.UTF_8).startsWith("db-outage-" + run), Duration.ofSeconds(3));
            assertEquals(0, dead.size(), "nothing was dead-lettered");
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(readiness().getString("status")));
        }
    }

    private void send(RawProducer producer, String outage, Map<String, List<String>> sent) throws Exception {
        InboundOutageEvent event = TestEvents.outageReported(outage);
        producer.send(Topic.OUTAGES_INBOUND.topicName(), outage, serde.serialize(Topic.OUTAGES_INBOUND, event));
        sent.computeIfAbsent(outage, o -> new ArrayList<>()).add(event.getEventId());
    }

    private List<String> eventIds(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> ledger.eventIds(subject));
    }

    private JsonObject readiness() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ready.toString()))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** The {@code event consumers} check is down and names the outage ledger's group as paused. */
    private static boolean consumerPaused(JsonObject health) {
        for (JsonValue value : health.getJsonArray("checks")) {
            JsonObject check = value.asJsonObject();
            if ("event consumers".equals(check.getString("name"))) {
                JsonObject data = check.getJsonObject("data");
                return "DOWN".equals(check.getString("status")) && data != null && data.containsKey(GROUP)
                        && data.getString(GROUP).startsWith("paused");
            }
        }
        return false;
    }
}
