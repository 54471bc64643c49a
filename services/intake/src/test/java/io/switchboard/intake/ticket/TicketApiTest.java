package io.switchboard.intake.ticket;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.tickets.TicketEvent;
import io.switchboard.contracts.tickets.TicketOccurrenceAdded;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Web/API intake and the ticket lifecycle, through REST and the real topic. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TicketApiTest {

    @Inject
    EventSerde serde;

    static String customer(String tier) {
        String id = "cust-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Tokens.operator("operator-1")).contentType(ContentType.JSON)
                .body(Map.of("name", "Acme", "tier", tier, "language", "zh", "region", "cn-beijing",
                        "accountManagerId", "am-1", "callerNumbers", List.of("+86" + (long) (Math.random() * 1e10))))
                .put("/api/v1/customers/" + id)
                .then().statusCode(201).body("tier", is(tier));
        return id;
    }

    static Map<String, Object> ticket(String customerId) {
        return new java.util.HashMap<>(Map.of("customerId", customerId, "summary", "ECS instance unreachable",
                "description", "i-123 stopped answering", "product", "ecs", "impact", "SIGNIFICANT", "urgency", "HIGH",
                "category", "technical.ecs"));
    }

    TicketEvent event(ConsumerRecord<byte[], byte[]> record) {
        return (TicketEvent) serde.deserialize(Topic.TICKETS, record.value());
    }

    @Test
    void aTicketIsClassifiedWithReasonsAndPublished() {
        String customerId = customer("ENTERPRISE");
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            String id = given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(ticket(customerId)).post("/api/v1/tickets")
                    .then().statusCode(201)
                    .header("Location", containsString("/api/v1/tickets/TCK-"))
                    .body("priority", is("P2"))
                    .body("customerTier", is("ENTERPRISE"))
                    .body("ticketClass", is("TECHNICAL"))
                    .body("status", is("OPEN"))
                    .body("language", is("zh"))
                    .body("accountManagerId", is("am-1"))
                    .body("reasons", hasKey("priority"))
                    .body("reasons.tier", containsString("customer directory"))
                    .extract().path("id");

            TicketEvent opened = event(tickets.awaitOne(r -> id.equals(new String(r.key(), StandardCharsets.UTF_8)), Duration.ofSeconds(20)));
            assertEquals("TicketOpened", opened.getEventType());
            TicketOpened payload = (TicketOpened) opened.getPayload();
            assertEquals(customerId, payload.getCustomerId());
            assertEquals("P2", payload.getPriority().name());
            assertEquals("intake", opened.getProducer());

            given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/tickets/" + id).then().statusCode(200)
                    .body("reasons.keySet()", hasItems("category", "ticketClass", "priority", "tier", "emergency"))
                    .body("history.kind", contains("opened"));
        }
    }

    @Test
    void theSameIdempotencyKeyAndBodyGiveTheSameTicket() {
        String customerId = customer("STANDARD");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = ticket(customerId);
        String first = given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/tickets")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/tickets")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("id", is(first));

        body.put("summary", "something else");
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/tickets")
                .then().statusCode(422).contentType("application/problem+json").body("detail", containsString(key));
        given().auth().oauth2(Tokens.agent("agent-1")).queryParam("customerId", customerId).get("/api/v1/tickets").then().body("total", is(1));
    }

    @Test
    void simultaneousTriggersWithOneDedupKeyGiveOneTicket() throws Exception {
        String customerId = customer("VIP");
        String dedupKey = "disk-full-" + UUID.randomUUID();
        int triggers = 16;
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            ExecutorService pool = Executors.newFixedThreadPool(triggers);
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < triggers; i++) {
                Map<String, Object> body = ticket(customerId);
                body.put("dedupKey", dedupKey);
                calls.add(() -> given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(body).post("/api/v1/tickets"));
            }
            List<Future<Response>> responses = pool.invokeAll(calls);
            pool.shutdown();
            Set<String> ids = new java.util.HashSet<>();
            int created = 0;
            for (Future<Response> response : responses) {
                Response r = response.get();
                assertTrue(r.statusCode() == 201 || r.statusCode() == 200, "status " + r.statusCode() + " " + r.asString());
                created += r.statusCode() == 201 ? 1 : 0;
                ids.add(r.path("id"));
            }
            assertEquals(1, ids.size(), "one ticket for one dedup key");
            assertEquals(1, created, "opened once, the rest are occurrences");
            String id = ids.iterator().next();
            given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/tickets/" + id).then().body("occurrenceCount", is(triggers));

            List<ConsumerRecord<byte[], byte[]>> events = tickets.await(r -> id.equals(new String(r.key(), StandardCharsets.UTF_8)),
                    triggers, Duration.ofSeconds(30));
            Map<String, Long> byType = events.stream().map(this::event)
                    .collect(Collectors.groupingBy(TicketEvent::getEventType, Collectors.counting()));
            assertEquals(Map.of("TicketOpened", 1L, "TicketOccurrenceAdded", (long) triggers - 1), byType);
            TicketOccurrenceAdded last = (TicketOccurrenceAdded) event(events.get(events.size() - 1)).getPayload();
            assertEquals(triggers, last.getOccurrenceCount(), "per-key order kept on the topic");
        }
    }

    @Test
    void aTriggerAfterResolutionOpensANewLinkedTicket() {
        String customerId = customer("STANDARD");
        Map<String, Object> body = ticket(customerId);
        body.put("dedupKey", "cpu-" + UUID.randomUUID());
        String first = given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(body).post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("resolutionCode", "FIXED", "firstContactResolution", true, "agent", "agent-1"))
                .post("/api/v1/tickets/" + first + "/resolve").then().statusCode(200).body("status", is("RESOLVED"));
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(body).post("/api/v1/tickets").then().statusCode(201)
                .body("id", org.hamcrest.Matchers.not(first))
                .body("previousTicketId", is(first));
    }

    @Test
    void aTicketGoesThroughItsLifecycleAndRefusesIllegalMoves() {
        String customerId = customer("STANDARD");
        String id = given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(ticket(customerId)).post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        String path = "/api/v1/tickets/" + id;

        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("status", "IN_PROGRESS", "actor", "agent-1")).post(path + "/status")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("OPEN"));
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("agent", "agent-1")).post(path + "/acknowledge")
                .then().statusCode(200).body("status", is("ACKNOWLEDGED")).body("acknowledgedAt", notNullValue());
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("status", "IN_PROGRESS", "actor", "agent-1", "reason", "investigating"))
                .post(path + "/status").then().statusCode(200).body("status", is("IN_PROGRESS"));
        given().auth().oauth2(Tokens.customer(customerId, "cust-x")).contentType(ContentType.JSON).body(Map.of("author", "cust-x", "role", "CUSTOMER", "visibility", "PUBLIC", "text", "still down"))
                .post(path + "/notes").then().statusCode(201);
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("actor", "agent-1")).post(path + "/close")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("resolutionCode", "WORKAROUND", "firstContactResolution", false, "agent", "agent-1"))
                .post(path + "/resolve").then().statusCode(200).body("status", is("RESOLVED")).body("resolutionCode", is("WORKAROUND"));
        given().auth().oauth2(Tokens.customer(customerId, "cust-x")).contentType(ContentType.JSON).body(Map.of("reason", "RECURRENCE", "actor", "cust-x"))
                .post(path + "/reopen").then().statusCode(200).body("status", is("REOPENED"));
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("resolutionCode", "FIXED", "firstContactResolution", false, "agent", "agent-1"))
                .post(path + "/resolve").then().statusCode(200);
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("actor", "agent-1")).post(path + "/close")
                .then().statusCode(200).body("status", is("CLOSED"));
        given().auth().oauth2(Tokens.customer(customerId, "cust-x")).contentType(ContentType.JSON).body(Map.of("reason", "RECURRENCE", "actor", "cust-x"))
                .post(path + "/reopen").then().statusCode(409);

        given().auth().oauth2(Tokens.agent("agent-1")).get(path).then().body("history.kind",
                contains("opened", "acknowledged", "status", "customer-update", "resolved", "reopened", "resolved", "closed"));
        given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/tickets/TCK-does-not-exist").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aMisroutedTicketIsReclassifiedWithANewPriorityAndEvent() {
        String customerId = customer("STANDARD");
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            String id = given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(ticket(customerId)).post("/api/v1/tickets")
                    .then().statusCode(201).body("priority", is("P2")).extract().path("id");
            given().auth().oauth2(Tokens.agent("agent-2")).contentType(ContentType.JSON).body(Map.of("category", "billing.dispute", "urgency", "LOW",
                            "reason", "IVR misroute: a billing question", "actor", "agent-2"))
                    .post("/api/v1/tickets/" + id + "/reclassify").then().statusCode(200)
                    .body("category", is("billing.dispute")).body("ticketClass", is("BILLING"))
                    .body("priority", is("P3")).body("reasons.category", containsString("reclassification"))
                    .body("history.kind", hasItems("reclassified"));
            TicketEvent event = event(tickets.awaitOne(r -> id.equals(new String(r.key(), StandardCharsets.UTF_8))
                    && "TicketReclassified".equals(event(r).getEventType()), Duration.ofSeconds(20)));
            var payload = (io.switchboard.contracts.tickets.TicketReclassified) event.getPayload();
            assertEquals("technical.ecs", payload.getPreviousCategory());
            assertEquals("P2", payload.getPreviousPriority().name());
            assertEquals("P3", payload.getPriority().name());
        }
        given().auth().oauth2(Tokens.agent("agent-2")).contentType(ContentType.JSON).body(Map.of("reason", "nothing to change", "actor", "agent-2"))
                .post("/api/v1/tickets/TCK-missing/reclassify").then().statusCode(400).body("errors[0].field", is("category"));
    }

    @Test
    void reopeningWhileANewerTicketWithItsDedupKeyIsOpenIsAConflictNamingTheOpenTicket() {
        String customerId = customer("STANDARD");
        Map<String, Object> body = ticket(customerId);
        body.put("dedupKey", "disk-" + UUID.randomUUID());
        String first = given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(body).post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("resolutionCode", "FIXED", "firstContactResolution", true, "agent", "agent-1"))
                .post("/api/v1/tickets/" + first + "/resolve").then().statusCode(200);
        String second = given().auth().oauth2(Tokens.system("web-console")).contentType(ContentType.JSON).body(body).post("/api/v1/tickets").then().statusCode(201)
                .body("previousTicketId", is(first)).extract().path("id");

        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("reason", "RECURRENCE", "actor", "agent-1"))
                .post("/api/v1/tickets/" + first + "/reopen").then().statusCode(409)
                .contentType("application/problem+json")
                .body("title", is("Dedup key in use"))
                .body("detail", containsString(second))
                .body("errors[0].field", is("dedupKey"));
        given().auth().oauth2(Tokens.agent("agent-reader")).get("/api/v1/tickets/" + first).then().body("status", is("RESOLVED"));

        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("resolutionCode", "FIXED", "firstContactResolution", false, "agent", "agent-1"))
                .post("/api/v1/tickets/" + second + "/resolve").then().statusCode(200);
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("reason", "RECURRENCE", "actor", "agent-1"))
                .post("/api/v1/tickets/" + first + "/reopen").then().statusCode(200).body("status", is("REOPENED"));
    }

    @Test
    void anEmergencyStaysOneWhenOnlyItsUrgencyIsReclassified() {
        String customerId = customer("STANDARD");
        Map<String, Object> body = ticket(customerId);
        body.put("category", "security.data-leak");
        body.put("impact", "MINOR");
        body.put("urgency", "LOW");
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            String id = given().auth().oauth2(Tokens.system("web-console")).contentType(ContentType.JSON).body(body).post("/api/v1/tickets").then().statusCode(201)
                    .body("priority", is("P1")).body("emergency", is(true)).body("emergencyLevel", is("LEVEL_3"))
                    .body("supportLevel", is("L3")).extract().path("id");
            String path = "/api/v1/tickets/" + id;
            given().auth().oauth2(Tokens.agent("agent-2")).contentType(ContentType.JSON).body(Map.of("urgency", "MEDIUM", "reason", "triage", "actor", "agent-2"))
                    .post(path + "/reclassify").then().statusCode(200)
                    .body("priority", is("P1")).body("emergency", is(true)).body("emergencyLevel", is("LEVEL_3"));
            // A category no emergency rule matches: still an emergency, with its class, until someone says otherwise.
            given().auth().oauth2(Tokens.agent("agent-2")).contentType(ContentType.JSON).body(Map.of("category", "technical.ecs", "reason", "misfiled", "actor", "agent-2"))
                    .post(path + "/reclassify").then().statusCode(200)
                    .body("priority", is("P1")).body("emergency", is(true)).body("emergencyLevel", is("LEVEL_3"))
                    .body("supportLevel", is("L3"));
            given().auth().oauth2(Tokens.agent("agent-2")).contentType(ContentType.JSON).body(Map.of("emergency", false, "reason", "not an emergency after all", "actor", "agent-2"))
                    .post(path + "/reclassify").then().statusCode(200)
                    .body("emergency", is(false)).body("emergencyLevel", org.hamcrest.Matchers.nullValue())
                    .body("priority", is("P4")).body("supportLevel", is("L1"));

            List<io.switchboard.contracts.tickets.TicketReclassified> events = tickets.await(
                    r -> id.equals(new String(r.key(), StandardCharsets.UTF_8)), 4, Duration.ofSeconds(20)).stream()
                    .map(this::event).filter(e -> e.getPayload() instanceof io.switchboard.contracts.tickets.TicketReclassified)
                    .map(e -> (io.switchboard.contracts.tickets.TicketReclassified) e.getPayload()).toList();
            assertEquals(3, events.size());
            assertTrue(events.get(0).getEmergency());
            assertEquals("LEVEL_3", events.get(0).getEmergencyLevel().name());
            assertEquals("P1", events.get(0).getPriority().name());
            assertTrue(events.get(1).getEmergency());
            assertEquals(false, events.get(2).getEmergency());
            assertTrue(events.get(2).getPreviousEmergency());
            assertEquals("LEVEL_3", events.get(2).getPreviousEmergencyLevel().name());
        }
    }

    @Test
    void pagesBeyondTheDocumentedMaximumAreRefusedNamingPage() {
        given().auth().oauth2(Tokens.agent("agent-reader")).queryParam("page", 1001).get("/api/v1/tickets").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("page"));
        given().auth().oauth2(Tokens.agent("agent-reader")).queryParam("page", Integer.MAX_VALUE).queryParam("size", 200).get("/api/v1/tickets").then().statusCode(400)
                .body("errors[0].field", is("page"));
        given().auth().oauth2(Tokens.agent("agent-reader")).queryParam("size", 201).get("/api/v1/tickets").then().statusCode(400).body("errors[0].field", is("size"));
        given().auth().oauth2(Tokens.agent("agent-reader")).queryParam("page", 1000).queryParam("customerId", "nobody-" + UUID.randomUUID())
                .get("/api/v1/tickets").then().statusCode(200).body("items.size()", is(0));
    }

    @Test
    void anUnknownFilterValueIsAProblemNamingTheParameter() {
        given().auth().oauth2(Tokens.agent("agent-1")).queryParam("status", "SLEEPING").get("/api/v1/tickets").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("status"))
                .body("errors[0].message", containsString("OPEN"));
        given().auth().oauth2(Tokens.agent("agent-1")).queryParam("priority", "UNKNOWN").get("/api/v1/tickets").then().statusCode(400)
                .body("errors[0].field", is("priority"));
        given().auth().oauth2(Tokens.agent("agent-1")).queryParam("channel", "PIGEON").get("/api/v1/tickets").then().statusCode(400)
                .body("errors[0].field", is("channel"));
    }

    @Test
    void listsFilterAndPage() {
        String customerId = customer("STANDARD");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(ticket(customerId)).post("/api/v1/tickets").then().statusCode(201);
        }
        given().auth().oauth2(Tokens.agent("agent-1")).queryParam("customerId", customerId).queryParam("size", 2).get("/api/v1/tickets")
                .then().statusCode(200).body("total", is(3)).body("items.size()", is(2));
        given().auth().oauth2(Tokens.agent("agent-1")).queryParam("customerId", customerId).queryParam("size", 2).queryParam("page", 1).get("/api/v1/tickets")
                .then().body("items.size()", is(1));
        given().auth().oauth2(Tokens.agent("agent-1")).queryParam("customerId", customerId).queryParam("status", "RESOLVED").get("/api/v1/tickets")
                .then().body("total", is(0));
        given().auth().oauth2(Tokens.agent("agent-1")).queryParam("status", "SHELVED").get("/api/v1/tickets").then().statusCode(400).body("errors[0].field", is("status"));
    }

    @Test
    void badInputGetsAProblemNamingTheFieldAndWritesNothing() {
        String customerId = customer("STANDARD");
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body("{\"customerId\": \"" + customerId + "\", \"summary\": ").post("/api/v1/tickets")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", is("body"));
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.TEXT).body("hello").post("/api/v1/tickets")
                .then().statusCode(415).contentType("application/problem+json");
        Map<String, Object> missing = ticket(customerId);
        missing.remove("summary");
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(missing).post("/api/v1/tickets")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItems("summary"));
        Map<String, Object> unknownEnum = ticket(customerId);
        unknownEnum.put("impact", "APOCALYPTIC");
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(unknownEnum).post("/api/v1/tickets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("impact")).body("detail", containsString("EXTENSIVE"));
        Map<String, Object> control = ticket(customerId);
        control.put("summary", "evil\u0000summary");
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(control).post("/api/v1/tickets")
                .then().statusCode(400).body("errors[0].field", is("summary"));
        Map<String, Object> oversized = ticket(customerId);
        oversized.put("description", "x".repeat(300_000));
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(oversized).post("/api/v1/tickets")
                .then().log().ifValidationFails().statusCode(413).contentType("application/problem+json");
        Map<String, Object> hostile = ticket(customerId);
        hostile.put("customerId", "x'; drop table ticket; --");
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(hostile).post("/api/v1/tickets")
                .then().statusCode(400).body("errors.field", hasItems("customerId"));

        given().auth().oauth2(Tokens.agent("agent-1")).queryParam("customerId", customerId).get("/api/v1/tickets").then().body("total", equalTo(0));
    }

    @Test
    void theCustomerDirectoryRefusesBadEntries() {
        given().auth().oauth2(Tokens.operator("operator-1")).contentType(ContentType.JSON).body(Map.of("tier", "PLATINUM", "language", "en")).put("/api/v1/customers/c-1")
                .then().statusCode(400).body("errors[0].field", is("tier"));
        given().auth().oauth2(Tokens.operator("operator-1")).contentType(ContentType.JSON).body(Map.of("tier", "VIP", "language", "english")).put("/api/v1/customers/c-1")
                .then().statusCode(400).body("errors.field", hasItems("language"));
        given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/customers/nobody-" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }
}
