package io.switchboard.intake.ticket;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.feedback.LowSatisfactionFlagged;
import io.switchboard.contracts.tickets.TicketEvent;
import io.switchboard.contracts.tickets.TicketReopened;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.EventPublisher;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Feedback's LowSatisfactionFlagged on the real support.feedback.v1 topic: a resolved ticket is reopened, a closed one
 * gets a follow-up linked to it, and a redelivered flag changes nothing. IVR key 32 hands the call to the survey.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class LowSatisfactionTest {

    private static EventPublisher feedback;

    @Inject
    EventSerde serde;

    @AfterAll
    static void closePublisher() {
        if (feedback != null) {
            feedback.close();
        }
    }

    /** Publishes a low-satisfaction flag as the feedback service would; returns it, to send again as a redelivery. */
    private ProducerRecord<String, byte[]> flag(String ticketId) {
        LowSatisfactionFlagged flag = LowSatisfactionFlagged.newBuilder().setTicketId(ticketId).setSurveyId("SV-" + ticketId)
                .setCustomerId("c").setAgentId("agent-1").setSkillGroupId("storage").setCsat(1).setNps(null)
                .setReason("csat 1 <= 2").setReopenRequested(true).setFlaggedAt(Instant.now()).build();
        if (feedback == null) {
            feedback = new EventPublisher(serde, "intake-test-feedback");
        }
        return feedback.publish(Topic.FEEDBACK, ticketId, flag, "feedback");
    }

    private static String resolvedTicket(String customerId) {
        String id = given().auth().oauth2(Tokens.system("web-console")).contentType(ContentType.JSON).body(TicketApiTest.ticket(customerId))
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("agent", "agent-1"))
                .post("/api/v1/tickets/" + id + "/acknowledge").then().statusCode(200);
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON)
                .body(Map.of("resolutionCode", "FIXED", "firstContactResolution", true, "agent", "agent-1"))
                .post("/api/v1/tickets/" + id + "/resolve").then().statusCode(200);
        return id;
    }

    private static String status(String id) {
        return given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/tickets/" + id).then().statusCode(200).extract().path("status");
    }

    @Test
    void aLowScoreReopensTheResolvedTicketOnceEvenWhenRedelivered() throws Exception {
        String id = resolvedTicket(TicketApiTest.customer("ENTERPRISE"));
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            ProducerRecord<String, byte[]> flag = flag(id);
            feedback.send(flag); // redelivered
            await().atMost(Duration.ofSeconds(60)).until(() -> "REOPENED".equals(status(id)));
            List<TicketEvent> reopened = tickets.collect(r -> id.equals(new String(r.key(), StandardCharsets.UTF_8)), Duration.ofSeconds(3))
                    .stream().map(r -> (TicketEvent) serde.deserialize(Topic.TICKETS, r.value()))
                    .filter(e -> e.getPayload() instanceof TicketReopened).toList();
            assertEquals(1, reopened.size(), "one reopening for the flag delivered twice");
            TicketReopened event = (TicketReopened) reopened.get(0).getPayload();
            assertEquals("LOW_SATISFACTION", event.getReason().name());
            assertEquals("feedback", event.getReopenedBy());
        }
    }

    @Test
    void aLowScoreOnAClosedTicketOpensAFollowUpLinkedToIt() throws Exception {
        String customerId = TicketApiTest.customer("STANDARD");
        String id = resolvedTicket(customerId);
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("actor", "agent-1"))
                .post("/api/v1/tickets/" + id + "/close").then().statusCode(200);
        flag(id);
        flag(id); // a second flag (another event) while the follow-up is open: an occurrence, not a ticket
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.agent("agent-1"))
                .queryParam("customerId", customerId).queryParam("status", "OPEN").get("/api/v1/tickets").then().statusCode(200)
                .body("total", is(1))
                .body("items[0].dedupKey", equalTo("followup:" + id))
                .body("items[0].summary", containsString("Follow-up of " + id))
                .body("items[0].category", equalTo("technical.ecs"))
                .body("items[0].occurrenceCount", is(2)));
        assertEquals("CLOSED", status(id));
    }

    @Test
    void ivrKey32HandsTheCallToTheSurveyAndOpensNoTicket() {
        String callId = "call-" + UUID.randomUUID();
        Map<String, Object> call = Map.of("callId", callId, "callerNumber", "+8613800000000", "ivrPath", "3-2",
                "receivedAt", Instant.now().toString());
        given().auth().oauth2(Tokens.system("telephony")).contentType(ContentType.JSON).body(call).post("/api/v1/calls")
                .then().statusCode(200)
                .body("disposition", equalTo("SATISFACTION_SURVEY"))
                .body("answersTo", equalTo("/api/v1/feedback/phone-responses"))
                .body("callId", equalTo(callId))
                .body("id", nullValue());
    }
}
