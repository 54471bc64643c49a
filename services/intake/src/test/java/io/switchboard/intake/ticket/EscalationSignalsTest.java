package io.switchboard.intake.ticket;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.contracts.sla.EscalationReason;
import io.switchboard.contracts.sla.MajorIncidentDeclared;
import io.switchboard.contracts.sla.TicketEscalated;
import io.switchboard.contracts.tickets.TicketClosed;
import io.switchboard.contracts.tickets.TicketEvent;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.EventPublisher;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The escalation service's signals on the real support.sla.v1 topic, as the ticket shows them: an escalation moves
 * its support level once even when redelivered; a declared major incident makes closing keep the ticket 5 years.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class EscalationSignalsTest {

    private static EventPublisher escalation;

    @Inject
    EventSerde serde;

    @AfterAll
    static void closePublisher() {
        if (escalation != null) {
            escalation.close();
        }
    }

    /** Publishes as the escalation service would. */
    private ProducerRecord<String, byte[]> send(String ticketId, SpecificRecord payload) {
        if (escalation == null) {
            escalation = new EventPublisher(serde, "intake-test-escalation");
        }
        return escalation.publish(Topic.SLA, ticketId, payload, "escalation");
    }

    private static String openTicket() {
        String customerId = TicketApiTest.customer("ENTERPRISE");
        return given().auth().oauth2(Tokens.system("web-console")).contentType(ContentType.JSON).body(TicketApiTest.ticket(customerId))
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
    }

    private static List<Map<String, Object>> history(String id) {
        return given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/tickets/" + id).then().statusCode(200)
                .extract().jsonPath().getList("history");
    }

    @Test
    void anEscalationMovesTheTicketsLevelOnceEvenWhenRedelivered() throws Exception {
        String id = openTicket();
        TicketEscalated escalated = TicketEscalated.newBuilder().setTicketId(id).setFromLevel(SupportLevel.L1)
                .setToLevel(SupportLevel.L2).setReason(EscalationReason.SLA_BREACH).setEscalatedBy("escalation")
                .setEscalatedAt(Instant.now()).build();
        ProducerRecord<String, byte[]> sent = send(id, escalated);
        escalation.send(sent); // redelivered: the same event id

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.agent("agent-1"))
                .get("/api/v1/tickets/" + id).then().statusCode(200).body("supportLevel", equalTo("L2")));
        // a marker after the duplicate: once it shows, the duplicate has been consumed too
        send(id, MajorIncidentDeclared.newBuilder().setTicketId(id).setMajorIncidentId("MI-" + id).setEmergencyLevel(null)
                .setSummary("marker").setResponseTeam("L3").setProgressUpdateIntervalMinutes(60).setDeclaredBy("escalation")
                .setDeclaredAt(Instant.now()).build());
        await().atMost(Duration.ofSeconds(60)).until(() -> history(id).stream().anyMatch(h -> "major-incident".equals(h.get("kind"))));
        long escalations = history(id).stream().filter(h -> "escalated".equals(h.get("kind"))).count();
        assertEquals(1, escalations, "one escalation for the event delivered twice");
        assertTrue(history(id).stream().anyMatch(h -> "L1 -> L2 (SLA_BREACH)".equals(h.get("detail"))));
    }

    @Test
    void aDeclaredMajorIncidentIsKeptFiveYearsWhenClosedWithoutSayingSo() throws Exception {
        String id = openTicket();
        send(id, MajorIncidentDeclared.newBuilder().setTicketId(id).setMajorIncidentId("MI-" + id).setEmergencyLevel(null)
                .setSummary("power outage in a data centre").setResponseTeam("L3").setProgressUpdateIntervalMinutes(60)
                .setDeclaredBy("escalation").setDeclaredAt(Instant.now()).build());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.agent("agent-1"))
                .get("/api/v1/tickets/" + id).then().statusCode(200).body("majorIncidentId", equalTo("MI-" + id)));

        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("agent", "agent-1"))
                .post("/api/v1/tickets/" + id + "/acknowledge").then().statusCode(200);
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON)
                .body(Map.of("resolutionCode", "FIXED", "firstContactResolution", false, "agent", "agent-1"))
                .post("/api/v1/tickets/" + id + "/resolve").then().statusCode(200);
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("actor", "agent-1"))
                    .post("/api/v1/tickets/" + id + "/close").then().statusCode(200);
            TicketClosed closed = tickets.collect(r -> id.equals(new String(r.key(), StandardCharsets.UTF_8)), Duration.ofSeconds(5))
                    .stream().map(r -> ((TicketEvent) serde.deserialize(Topic.TICKETS, r.value())).getPayload())
                    .filter(p -> p instanceof TicketClosed).map(p -> (TicketClosed) p).findFirst().orElseThrow();
            assertTrue(closed.getMajorIncident(), "the escalation service's declaration counts at closing");
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            assertTrue(!closed.getRetainUntil().isBefore(today.plusYears(5).minusDays(1)), "kept 5 years: " + closed.getRetainUntil());
        }
    }

    @Test
    void signalsAboutTicketsIntakeDoesNotHoldChangeNothingAndStopNothing() throws Exception {
        send("T-not-ours-" + System.nanoTime(), TicketEscalated.newBuilder().setTicketId("T-not-ours").setFromLevel(SupportLevel.L2)
                .setToLevel(SupportLevel.L3).setReason(EscalationReason.MANUAL).setEscalatedBy("escalation")
                .setEscalatedAt(Instant.now()).build());
        String id = openTicket();
        send(id, TicketEscalated.newBuilder().setTicketId(id).setFromLevel(SupportLevel.L1).setToLevel(SupportLevel.L3)
                .setReason(EscalationReason.MAJOR_INCIDENT).setEscalatedBy("escalation").setEscalatedAt(Instant.now()).build());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.agent("agent-1"))
                .get("/api/v1/tickets/" + id).then().statusCode(200).body("supportLevel", equalTo("L3")));
    }
}
