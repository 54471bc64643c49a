package io.switchboard.intake.channel;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.calls.CallReceived;
import io.switchboard.contracts.calls.InboundCallEvent;
import io.switchboard.contracts.common.Severity;
import io.switchboard.contracts.incidents.IncidentAcknowledged;
import io.switchboard.contracts.incidents.IncidentResolved;
import io.switchboard.contracts.incidents.IncidentTriggered;
import io.switchboard.contracts.tickets.AcknowledgerKind;
import io.switchboard.contracts.tickets.TicketAcknowledged;
import io.switchboard.contracts.incidents.InboundIncidentEvent;
import io.switchboard.contracts.tickets.TicketEvent;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.eventing.DeadLetters;
import io.switchboard.eventing.EventSerde;
import io.switchboard.eventing.Envelopes;
import io.switchboard.testkit.LocalStack;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Phone, PagerDuty, Alertmanager and the inbound Kafka topics, each through the real stack. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ChannelsTest {

    @Inject
    EventSerde serde;

    private TicketOpened opened(TopicProbe tickets, Predicate<TicketOpened> which) {
        ConsumerRecord<byte[], byte[]> record = tickets.awaitOne(r -> {
            TicketEvent event = (TicketEvent) serde.deserialize(Topic.TICKETS, r.value());
            return event.getPayload() instanceof TicketOpened o && which.test(o);
        }, Duration.ofSeconds(30));
        return (TicketOpened) ((TicketEvent) serde.deserialize(Topic.TICKETS, record.value())).getPayload();
    }

    @Test
    void aCallFromAKnownNumberIsClassifiedByItsIvrKeys() {
        String number = "+86" + (10_000_000_000L + (long) (Math.random() * 1e9));
        String customerId = "cust-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Tokens.operator("operator-1")).contentType(ContentType.JSON).body(Map.of("tier", "VIP", "language", "zh", "callerNumbers", List.of(number)))
                .put("/api/v1/customers/" + customerId).then().statusCode(201);
        Map<String, Object> call = Map.of("callId", "call-" + UUID.randomUUID(), "callerNumber", number, "ivrPath", "2-1",
                "languageKey", "5", "receivedAt", Instant.now().toString());
        String id = given().auth().oauth2(Tokens.system("telephony")).contentType(ContentType.JSON).body(call).post("/api/v1/calls").then().statusCode(201)
                .body("channel", is("PHONE"))
                .body("customerId", is(customerId))
                .body("customerTier", is("VIP"))
                .body("category", is("technical.ecs"))
                .body("product", is("ecs"))
                .body("language", is("ja"))
                .body("reasons.tier", containsString("caller number"))
                .extract().path("id");
        given().auth().oauth2(Tokens.system("telephony")).contentType(ContentType.JSON).body(call).post("/api/v1/calls").then().statusCode(200).body("id", is(id));
    }

    @Test
    void theEmergencyKeySkipsTheMenuAndMakesItP1() {
        given().auth().oauth2(Tokens.system("telephony")).contentType(ContentType.JSON).body(Map.of("callId", "call-" + UUID.randomUUID(), "callerNumber", "+4930123456",
                        "ivrPath", "0", "receivedAt", Instant.now().toString()))
                .post("/api/v1/calls").then().statusCode(201).body("priority", is("P1")).body("customerTier", is("STANDARD"));
    }

    @Test
    void anEmergencyWithoutAClassStaysOneWhenItsUrgencyIsReclassified() {
        String id = given().auth().oauth2(Tokens.system("telephony")).contentType(ContentType.JSON).body(Map.of("callId", "call-" + UUID.randomUUID(),
                        "callerNumber", "+4930123456", "ivrPath", "0", "receivedAt", Instant.now().toString()))
                .post("/api/v1/calls").then().statusCode(201).body("priority", is("P1")).extract().path("id");
        given().auth().oauth2(Tokens.agent("agent-3")).contentType(ContentType.JSON).body(Map.of("urgency", "LOW", "reason", "caller calmer now", "actor", "agent-3"))
                .post("/api/v1/tickets/" + id + "/reclassify").then().statusCode(200)
                .body("priority", is("P1")).body("emergency", is(true)).body("supportLevel", is("L3"))
                .body("reasons.priority", containsString("emergency"));
    }

    @Test
    void anUnknownCallerIsAnOpaqueIdOnTheTopicAndTheCallCarriesSkillAndStart() {
        String number = "+49" + (1_000_000_000L + (long) (Math.random() * 1e9));
        Instant receivedAt = Instant.now().minusSeconds(90).truncatedTo(ChronoUnit.MILLIS);
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            String first = given().auth().oauth2(Tokens.system("telephony")).contentType(ContentType.JSON).body(Map.of("callId", "call-" + UUID.randomUUID(),
                            "callerNumber", number, "ivrPath", "21", "receivedAt", receivedAt.toString()))
                    .post("/api/v1/calls").then().statusCode(201).extract().path("id");
            String second = given().auth().oauth2(Tokens.system("telephony")).contentType(ContentType.JSON).body(Map.of("callId", "call-" + UUID.randomUUID(),
                            "callerNumber", number, "ivrPath", "0", "receivedAt", receivedAt.toString()))
                    .post("/api/v1/calls").then().statusCode(201).extract().path("id");
            TicketOpened call = opened(tickets, o -> first.equals(o.getTicketId()));
            TicketOpened emergency = opened(tickets, o -> second.equals(o.getTicketId()));
            assertTrue(call.getCustomerId().startsWith("caller-"), call.getCustomerId());
            assertFalse(call.getCustomerId().contains(number.substring(1)), "the phone number is not on the topic");
            assertEquals(call.getCustomerId(), emergency.getCustomerId(), "one opaque id per number");
            assertEquals("servers", call.getSkill(), "the IVR option's skill");
            assertEquals(receivedAt, call.getProblemStartedAt());
            assertEquals("L1", call.getSupportLevel().name());
            assertFalse(call.getEmergency());
            assertTrue(emergency.getEmergency());
            assertEquals(null, emergency.getEmergencyLevel(), "the emergency key gives no class");
            assertEquals("L3", emergency.getSupportLevel().name());
        }
    }

    @Test
    void aCallFromTheFutureIsRefused() {
        given().auth().oauth2(Tokens.system("telephony")).contentType(ContentType.JSON).body(Map.of("callId", "call-" + UUID.randomUUID(), "callerNumber", "+4930123456",
                        "ivrPath", "21", "receivedAt", Instant.now().plus(Duration.ofDays(400)).toString()))
                .post("/api/v1/calls").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("receivedAt"));
    }

    /** The trigger example of PagerDuty's Events API v2 documentation, with our routing key. */
    static Map<String, Object> pagerDutyTrigger(String dedupKey) {
        return Map.of("payload", Map.of(
                        "summary", "Example alert on host1.example.com",
                        "timestamp", "2015-07-17T08:42:58.315+0000",
                        "severity", "critical",
                        "source", "monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003",
                        "component", "postgres",
                        "group", "prod-datapipe",
                        "class", "deploy",
                        "custom_details", Map.of("ping time", "1500ms", "load avg", 0.75)),
                "routing_key", "local-monitoring",
                "dedup_key", dedupKey,
                "event_action", "trigger");
    }

    @Test
    void pagerDutyEventsTriggerDeduplicateAcknowledgeAndResolve() {
        String dedupKey = "samplekeyhere-" + UUID.randomUUID();
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            given().contentType(ContentType.JSON).body(pagerDutyTrigger(dedupKey)).post("/api/v1/events/pagerduty")
                    .then().statusCode(202)
                    .body("status", is("success")).body("message", is("Event processed")).body("dedup_key", is(dedupKey));
            TicketOpened opened = opened(tickets, o -> dedupKey.equals(o.getDedupKey()));
            assertEquals("P1", opened.getPriority().name(), "critical severity -> extensive x critical");
            assertEquals("internal-operations", opened.getCustomerId());

            given().contentType(ContentType.JSON).body(pagerDutyTrigger(dedupKey)).post("/api/v1/events/pagerduty").then().statusCode(202);
            String path = "/api/v1/tickets/" + opened.getTicketId();
            given().auth().oauth2(Tokens.agent("agent-1")).get(path).then().body("occurrenceCount", is(2)).body("channel", is("MONITORING"));

            given().contentType(ContentType.JSON).body(Map.of("routing_key", "local-monitoring", "dedup_key", dedupKey,
                    "event_action", "acknowledge")).post("/api/v1/events/pagerduty").then().statusCode(202);
            given().auth().oauth2(Tokens.agent("agent-1")).get(path).then().body("status", is("ACKNOWLEDGED"));
            given().contentType(ContentType.JSON).body(Map.of("routing_key", "local-monitoring", "dedup_key", dedupKey,
                    "event_action", "resolve")).post("/api/v1/events/pagerduty").then().statusCode(202);
            given().auth().oauth2(Tokens.agent("agent-1")).get(path).then().body("status", is("RESOLVED"));
        }
    }

    @Test
    void aMonitoringAcknowledgeIsNotAFirstResponse() {
        String dedupKey = "ack-" + UUID.randomUUID();
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            given().contentType(ContentType.JSON).body(pagerDutyTrigger(dedupKey)).post("/api/v1/events/pagerduty").then().statusCode(202);
            TicketOpened opened = opened(tickets, o -> dedupKey.equals(o.getDedupKey()));
            assertEquals(Instant.parse("2015-07-17T08:42:58.315Z"), opened.getProblemStartedAt(), "payload.timestamp");
            String path = "/api/v1/tickets/" + opened.getTicketId();
            given().contentType(ContentType.JSON).body(Map.of("routing_key", "local-monitoring", "dedup_key", dedupKey,
                    "event_action", "acknowledge")).post("/api/v1/events/pagerduty").then().statusCode(202);
            given().auth().oauth2(Tokens.agent("agent-reader")).get(path).then().body("status", is("ACKNOWLEDGED"))
                    .body("acknowledgedAt", nullValue()).body("monitoringAcknowledgedAt", notNullValue());
            given().auth().oauth2(Tokens.agent("agent-9")).contentType(ContentType.JSON).body(Map.of("agent", "agent-9")).post(path + "/acknowledge").then().statusCode(200)
                    .body("status", is("ACKNOWLEDGED")).body("acknowledgedAt", notNullValue());

            List<TicketAcknowledged> acks = tickets.await(r -> opened.getTicketId().equals(new String(r.key(), StandardCharsets.UTF_8))
                    && ((TicketEvent) serde.deserialize(Topic.TICKETS, r.value())).getPayload() instanceof TicketAcknowledged, 2,
                    Duration.ofSeconds(20)).stream()
                    .map(r -> (TicketAcknowledged) ((TicketEvent) serde.deserialize(Topic.TICKETS, r.value())).getPayload()).toList();
            assertEquals(AcknowledgerKind.SYSTEM, acks.get(0).getAcknowledgedByKind());
            assertEquals("local-monitoring", acks.get(0).getAcknowledgedBy());
            assertFalse(acks.get(0).getFirstResponse(), "a monitoring system's acknowledge does not stop the first-response clock");
            assertEquals(AcknowledgerKind.AGENT, acks.get(1).getAcknowledgedByKind());
            assertTrue(acks.get(1).getFirstResponse());
        }
    }

    @Test
    void overLongFieldsAreRefusedByEveryChannelNamingTheField() throws Exception {
        String tooLong = "x".repeat(101);
        Map<String, Object> pagerDuty = new java.util.HashMap<>(pagerDutyTrigger("long-" + UUID.randomUUID()));
        Map<String, Object> payload = new java.util.HashMap<>((Map<String, Object>) pagerDuty.get("payload"));
        payload.put("component", tooLong);
        pagerDuty.put("payload", payload);
        given().contentType(ContentType.JSON).body(pagerDuty).post("/api/v1/events/pagerduty").then().statusCode(400)
                .body("status", is("invalid event")).body("errors", hasItem(containsString("payload.component")));

        String fingerprint = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Map<String, Object> webhook = new java.util.HashMap<>(alertmanagerWebhook("firing", fingerprint, "cust-long"));
        Map<String, Object> alert = new java.util.HashMap<>(((List<Map<String, Object>>) webhook.get("alerts")).get(0));
        alert.put("labels", Map.of("alertname", "HighLatency", "severity", "warning", "service", tooLong));
        webhook.put("alerts", List.of(alert));
        given().auth().oauth2(Tokens.system("alertmanager")).contentType(ContentType.JSON).body(webhook).post("/api/v1/events/alertmanager").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("alerts[0].labels.service"));
        alert.put("labels", Map.of("alertname", "HighLatency", "customer", "c".repeat(65)));
        given().auth().oauth2(Tokens.system("alertmanager")).contentType(ContentType.JSON).body(webhook).post("/api/v1/events/alertmanager").then().statusCode(400)
                .body("errors[0].field", is("alerts[0].labels.customer"));

        String dedupKey = "long-summary-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        IncidentTriggered trigger = IncidentTriggered.newBuilder().setRoutingKey("local-monitoring").setDedupKey(dedupKey)
                .setSummary("s".repeat(2000)).setSource("node-17").setSeverity(Severity.ERROR).setComponent("disk")
                .setGroup(null).setIncidentClass(null).setDetectedAt(now).setCustomDetails(Map.of()).build();
        try (TopicProbe deadLetters = TopicProbe.open(Topic.INCIDENTS_INBOUND.deadLetterTopicName());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", LocalStack.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topic.INCIDENTS_INBOUND.topicName(), dedupKey, serde.serialize(Topic.INCIDENTS_INBOUND,
                    Envelopes.wrap(Topic.INCIDENTS_INBOUND, dedupKey, trigger, "test-monitoring", now, null)))).get();
            ConsumerRecord<byte[], byte[]> dead = deadLetters.awaitOne(
                    r -> dedupKey.equals(new String(r.key(), StandardCharsets.UTF_8)), Duration.ofSeconds(30));
            String reason = TopicProbe.header(dead, DeadLetters.REASON);
            assertTrue(reason.startsWith("rejected by inbound-incidents"), "rejected as invalid, not a handler failure: " + reason);
            assertTrue(reason.contains("summary"), reason);
        }
    }

    @Test
    void acknowledgeAndResolveFromTheIncidentTopicFindTheTicketByTheNormalisedKey() throws Exception {
        String dedupKey = "padded-" + UUID.randomUUID();
        String padded = "  " + dedupKey + "  ";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        IncidentTriggered trigger = IncidentTriggered.newBuilder().setRoutingKey("local-monitoring").setDedupKey(padded)
                .setSummary("disk 95% full").setSource("node-17").setSeverity(Severity.ERROR).setComponent("disk")
                .setGroup(null).setIncidentClass(null).setDetectedAt(now).setCustomDetails(Map.of()).build();
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", LocalStack.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topic.INCIDENTS_INBOUND.topicName(), padded, serde.serialize(Topic.INCIDENTS_INBOUND,
                    Envelopes.wrap(Topic.INCIDENTS_INBOUND, padded, trigger, "test-monitoring", now, null)))).get();
            TicketOpened opened = opened(tickets, o -> dedupKey.equals(o.getDedupKey()));
            assertEquals(now, opened.getProblemStartedAt(), "detectedAt");
            String path = "/api/v1/tickets/" + opened.getTicketId();

            IncidentAcknowledged ack = IncidentAcknowledged.newBuilder().setRoutingKey("local-monitoring").setDedupKey(padded).build();
            producer.send(new ProducerRecord<>(Topic.INCIDENTS_INBOUND.topicName(), padded, serde.serialize(Topic.INCIDENTS_INBOUND,
                    Envelopes.wrap(Topic.INCIDENTS_INBOUND, padded, ack, "test-monitoring", now, null)))).get();
            awaitStatus(path, "ACKNOWLEDGED");
            IncidentResolved resolved = IncidentResolved.newBuilder().setRoutingKey("local-monitoring").setDedupKey(padded).build();
            producer.send(new ProducerRecord<>(Topic.INCIDENTS_INBOUND.topicName(), padded, serde.serialize(Topic.INCIDENTS_INBOUND,
                    Envelopes.wrap(Topic.INCIDENTS_INBOUND, padded, resolved, "test-monitoring", now, null)))).get();
            awaitStatus(path, "RESOLVED");
        }
    }

    private static void awaitStatus(String path, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = given().auth().oauth2(Tokens.agent("agent-reader")).get(path).then().extract().path("status");
            if (status.equals(seen)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("ticket " + path + " is " + seen + ", not " + status);
    }

    @Test
    void anInvalidPagerDutyEventGetsPagerDutysAnswer() {
        given().contentType(ContentType.JSON).body(Map.of("routing_key", "local-monitoring", "event_action", "trigger",
                        "payload", Map.of("summary", "x", "source", "y", "severity", "catastrophic")))
                .post("/api/v1/events/pagerduty").then().statusCode(400)
                .body("status", is("invalid event")).body("message", is("Event object is invalid"))
                .body("errors", hasItem(containsString("payload.severity")));
        given().contentType(ContentType.JSON).body(Map.of("routing_key", "nobody", "event_action", "explode"))
                .post("/api/v1/events/pagerduty").then().statusCode(400)
                .body("errors", hasItem(containsString("routing_key"))).body("errors", hasItem(containsString("event_action")));
    }

    /** Shaped like the example in Alertmanager's webhook documentation (version 4). */
    static Map<String, Object> alertmanagerWebhook(String status, String fingerprint, String customer) {
        return Map.of("version", "4", "groupKey", "{}:{alertname=\"HighLatency\"}", "truncatedAlerts", 0,
                "status", status, "receiver", "switchboard",
                "groupLabels", Map.of("alertname", "HighLatency"),
                "commonLabels", Map.of("alertname", "HighLatency", "severity", "warning"),
                "commonAnnotations", Map.of(), "externalURL", "http://alertmanager.example:9093",
                "alerts", List.of(Map.of("status", status,
                        "labels", Map.of("alertname", "HighLatency", "severity", "warning", "service", "rds", "customer", customer),
                        "annotations", Map.of("summary", "p99 latency above 2s"),
                        "startsAt", "2026-11-22T02:00:00Z", "endsAt", "0001-01-01T00:00:00Z",
                        "generatorURL", "http://prometheus.example:9090/graph", "fingerprint", fingerprint)));
    }

    @Test
    void alertmanagerAlertsOpenAndResolveTickets() {
        String fingerprint = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String customer = "cust-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            given().auth().oauth2(Tokens.system("alertmanager")).contentType(ContentType.JSON).body(alertmanagerWebhook("firing", fingerprint, customer))
                    .post("/api/v1/events/alertmanager").then().statusCode(200).body("firing", is(1));
            TicketOpened opened = opened(tickets, o -> customer.equals(o.getCustomerId()));
            assertEquals("alertmanager:" + fingerprint, opened.getDedupKey());
            assertEquals("rds", opened.getProduct());
            assertEquals("P3", opened.getPriority().name(), "warning -> moderate x medium");
            given().auth().oauth2(Tokens.system("alertmanager")).contentType(ContentType.JSON).body(alertmanagerWebhook("resolved", fingerprint, customer))
                    .post("/api/v1/events/alertmanager").then().statusCode(200).body("resolved", is(1));
            given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/tickets/" + opened.getTicketId()).then().body("status", is("RESOLVED"));
        }
        given().auth().oauth2(Tokens.system("alertmanager")).contentType(ContentType.JSON).body(Map.of("version", "3", "alerts", List.of()))
                .post("/api/v1/events/alertmanager").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void inboundTopicsAreConsumedAndAPoisonRecordIsDeadLettered() throws Exception {
        String dedupKey = "kafka-" + UUID.randomUUID();
        String callId = "call-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        IncidentTriggered trigger = IncidentTriggered.newBuilder().setRoutingKey("local-monitoring").setDedupKey(dedupKey)
                .setSummary("disk 95% full").setSource("node-17").setSeverity(Severity.ERROR).setComponent("disk")
                .setGroup(null).setIncidentClass(null).setDetectedAt(now).setCustomDetails(Map.of()).build();
        CallReceived call = CallReceived.newBuilder().setCallId(callId).setCallerNumber("+6561234567").setLine(null)
                .setIvrPath("22").setLanguageKey(null).setEmergencyKeyPressed(false).setCustomerNumber(null)
                .setReceivedAt(now).build();
        byte[] poison = "not an event".getBytes(StandardCharsets.UTF_8);
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName());
             TopicProbe deadLetters = TopicProbe.open(Topic.CALLS_INBOUND.deadLetterTopicName());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", LocalStack.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topic.INCIDENTS_INBOUND.topicName(), dedupKey, serde.serialize(Topic.INCIDENTS_INBOUND,
                    Envelopes.wrap(Topic.INCIDENTS_INBOUND, dedupKey, trigger, "test-monitoring", now, null)))).get();
            producer.send(new ProducerRecord<>(Topic.CALLS_INBOUND.topicName(), callId, poison)).get();
            producer.send(new ProducerRecord<>(Topic.CALLS_INBOUND.topicName(), callId, serde.serialize(Topic.CALLS_INBOUND,
                    (InboundCallEvent) Envelopes.wrap(Topic.CALLS_INBOUND, callId, call, "test-telephony", now, null)))).get();

            TicketOpened incident = opened(tickets, o -> dedupKey.equals(o.getDedupKey()));
            assertEquals("P2", incident.getPriority().name(), "error -> significant x high");
            TicketOpened phone = opened(tickets, o -> callId.equals(o.getSourceReference()));
            assertEquals("technical.storage", phone.getCategory());
            ConsumerRecord<byte[], byte[]> dead = deadLetters.awaitOne(
                    r -> callId.equals(new String(r.key(), StandardCharsets.UTF_8)), Duration.ofSeconds(30));
            assertArrayEquals(poison, dead.value());
            assertEquals("intake.inbound-calls", TopicProbe.header(dead, DeadLetters.CONSUMER_GROUP));
        }
    }
}
