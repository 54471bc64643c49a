package io.switchboard.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.sla.CompensationReviewDue;
import io.switchboard.contracts.sla.EscalationReason;
import io.switchboard.contracts.sla.MajorIncidentDeclared;
import io.switchboard.contracts.sla.ProgressUpdateDue;
import io.switchboard.contracts.sla.SlaEvent;
import io.switchboard.contracts.sla.TicketEscalated;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API under /api/v1/sla: who may call what, what bad input gets, and what each call publishes. */
@QuarkusTest
@QuarkusTestResource(EscalationStack.class)
class SlaApiTest {

    @Inject
    EventSerde serde;

    private String knownTicket(TicketFeed feed) throws Exception {
        String id = TicketFeed.ticketId();
        feed.send(id, TicketFeed.opened(id, Instant.now(), "test.slow"));
        long start = System.nanoTime();
        while (given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/sla/tickets/" + id).statusCode() != 200) {
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "ticket " + id + " was not applied");
            Thread.sleep(100);
        }
        return id;
    }

    @Test
    void aSupervisorEscalatesByHandWithAReasonAndRoutingHearsOfIt() throws Exception {
        try (TicketFeed feed = new TicketFeed(serde).ready(); TopicProbe sla = TopicProbe.open(Topic.SLA.topicName())) {
            String id = knownTicket(feed);
            String path = "/api/v1/sla/tickets/" + id + "/escalate";
            given().contentType(ContentType.JSON).body(Map.of("reason", "customer asked")).post(path).then().statusCode(401);
            given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("reason", "customer asked"))
                    .post(path).then().statusCode(403);
            given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON).body(Map.of("toLevel", "L2"))
                    .post(path).then().statusCode(400).contentType("application/problem+json").body(containsString("reason"));
            given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON).body(Map.of("reason", "two\nlines"))
                    .post(path).then().statusCode(400).contentType("application/problem+json").body(containsString("reason"));
            given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON).body(Map.of("reason", "x", "toLevel", "L7"))
                    .post(path).then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON).body("{\"reason\": ")
                    .post(path).then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                    .post("/api/v1/sla/tickets/T-NEVER-SEEN/escalate").then().statusCode(404).contentType("application/problem+json");

            given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON).body(Map.of("reason", "database expert needed", "toLevel", "L2"))
                    .post(path).then().statusCode(200).body("supportLevel", is("L2"));
            given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON).body(Map.of("reason", "again", "toLevel", "L1"))
                    .post(path).then().statusCode(422).contentType("application/problem+json");

            SlaEvent event = feed.decode(sla.await(r -> TicketFeed.keyed(r, id) && feed.decode(List.of(r)).get(0).getPayload() instanceof TicketEscalated,
                    1, Duration.ofSeconds(10))).get(0);
            TicketEscalated escalated = (TicketEscalated) event.getPayload();
            assertEquals(EscalationReason.MANUAL, escalated.getReason());
            assertEquals("sup-1", escalated.getEscalatedBy(), "the actor comes from the token");
            assertEquals("L1", escalated.getFromLevel().name());
        }
    }

    @Test
    void aMajorIncidentCoversManyTicketsWithItsUpdatesAndItsCompensationReview() throws Exception {
        try (TicketFeed feed = new TicketFeed(serde).ready(); TopicProbe sla = TopicProbe.open(Topic.SLA.topicName())) {
            String first = knownTicket(feed);
            String second = knownTicket(feed);
            given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON)
                    .body(Map.of("summary", "storage cluster down", "ticketIds", List.of("T-NEVER-SEEN")))
                    .post("/api/v1/sla/major-incidents").then().statusCode(400).body(containsString("ticketIds[0]"));
            given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON)
                    .body(Map.of("summary", "storage cluster down", "ticketIds", List.of(first)))
                    .post("/api/v1/sla/major-incidents").then().statusCode(403);
            String incident = given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON)
                    .body(Map.of("summary", "storage cluster down", "emergencyLevel", "LEVEL_2", "ticketIds", List.of(first)))
                    .post("/api/v1/sla/major-incidents").then().statusCode(201).body("responseTeam", is("technical-committee"))
                    .extract().path("id");
            given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON).body(Map.of("ticketIds", List.of(second)))
                    .post("/api/v1/sla/major-incidents/" + incident + "/tickets").then().statusCode(200).body("tickets", hasSize(2));

            List<SlaEvent> events = feed.decode(sla.await(r -> TicketFeed.keyed(r, first)
                    && feed.decode(List.of(r)).get(0).getPayload() instanceof CompensationReviewDue, 1, Duration.ofSeconds(20)));
            CompensationReviewDue review = (CompensationReviewDue) events.get(0).getPayload();
            assertEquals(List.of(first, second), review.getTicketIds());
            assertEquals(incident, review.getMajorIncidentId());
            List<SlaEvent> all = feed.decode(sla.collect(r -> TicketFeed.keyed(r, first) || TicketFeed.keyed(r, second), Duration.ofSeconds(4)));
            assertEquals(2, all.stream().filter(e -> e.getPayload() instanceof MajorIncidentDeclared).count(), "one per linked ticket");
            List<ProgressUpdateDue> updates = all.stream().map(SlaEvent::getPayload).filter(ProgressUpdateDue.class::isInstance)
                    .map(ProgressUpdateDue.class::cast).toList();
            assertTrue(updates.size() >= 2, "every 3 s: " + updates);
            assertEquals(List.of(first, second), updates.get(updates.size() - 1).getTicketIds(), "the updates cover every linked ticket");
        }
    }

    @Test
    void policyVersionsAndCalendarsArePublishedValidatedAndOnlyByAnOperator() throws Exception {
        new TicketFeed(serde).ready().close();
        Map<String, String> entries = given().auth().oauth2(Tokens.operator("ops-1")).get("/api/v1/sla/policy").then().statusCode(200)
                .extract().jsonPath().getMap("entries", String.class, String.class);
        given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON).body(Map.of("entries", entries))
                .post("/api/v1/sla/policy/versions").then().statusCode(403);
        given().auth().oauth2(Tokens.operator("ops-1")).contentType(ContentType.JSON).body(Map.of("entries", Map.of("rule.P1.*", "first-response=soon")))
                .post("/api/v1/sla/policy/versions").then().statusCode(400).contentType("application/problem+json")
                .body(containsString("entries")).body(containsString("rule.P1.*"));
        given().auth().oauth2(Tokens.operator("ops-1")).contentType(ContentType.JSON).body(Map.of("entries", entries, "effectiveFrom", "2020-01-01T00:00:00Z"))
                .post("/api/v1/sla/policy/versions").then().statusCode(400).body(containsString("effectiveFrom"));
        given().auth().oauth2(Tokens.operator("ops-1")).contentType(ContentType.JSON).body(Map.of("spec", "zone=Mars/Base; mon=09:00-17:00"))
                .put("/api/v1/sla/calendars/weekend-desk").then().statusCode(400).contentType("application/problem+json").body(containsString("spec"));
        int version = given().auth().oauth2(Tokens.operator("ops-1")).contentType(ContentType.JSON)
                .body(Map.of("spec", "zone=Europe/Berlin; sat,sun=10:00-16:00"))
                .put("/api/v1/sla/calendars/weekend-desk").then().statusCode(200).body("spec", startsWith("zone=Europe/Berlin")).extract().path("policyVersion");
        given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/sla/policy/versions/" + version).then().statusCode(200)
                .body("entries.'calendar.weekend-desk'", is("zone=Europe/Berlin; sat,sun=10:00-16:00"));
        given().auth().oauth2(Tokens.operator("ops-1")).get("/api/v1/sla/policy/versions").then().statusCode(200).body("version", hasItem(version));
        given().auth().oauth2(Tokens.customer("c-1", "c-1")).get("/api/v1/sla/policy").then().statusCode(403);
        given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/sla/policy/versions/99999").then().statusCode(404);
    }
}
