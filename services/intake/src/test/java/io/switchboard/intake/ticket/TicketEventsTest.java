package io.switchboard.intake.ticket;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.contracts.tickets.AcknowledgerKind;
import io.switchboard.contracts.tickets.TicketAcknowledged;
import io.switchboard.contracts.tickets.TicketClosed;
import io.switchboard.contracts.tickets.TicketEvent;
import io.switchboard.contracts.tickets.TicketNoteAdded;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.contracts.tickets.TicketReopened;
import io.switchboard.contracts.tickets.TicketResolved;
import io.switchboard.contracts.tickets.TicketStatusChanged;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of support.tickets.v1 event, read back from the real topic, as the next services will read it. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TicketEventsTest {

    @Inject
    EventSerde serde;

    private List<TicketEvent> eventsOf(TopicProbe tickets, String ticketId, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = tickets.await(
                r -> ticketId.equals(new String(r.key(), StandardCharsets.UTF_8)), count, Duration.ofSeconds(30));
        return records.stream().map(r -> (TicketEvent) serde.deserialize(Topic.TICKETS, r.value())).toList();
    }

    @Test
    void everyLifecycleEventIsPublishedWithItsPreviousStatusAndWhatFeedbackSlicesBy() throws Exception {
        String customerId = TicketApiTest.customer("ENTERPRISE");
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            String id = given().auth().oauth2(Tokens.system("web-console")).contentType(ContentType.JSON).body(TicketApiTest.ticket(customerId)).post("/api/v1/tickets")
                    .then().statusCode(201).extract().path("id");
            String path = "/api/v1/tickets/" + id;
            given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("agent", "agent-1")).post(path + "/acknowledge").then().statusCode(200);
            given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("status", "IN_PROGRESS", "actor", "agent-1", "reason", "investigating"))
                    .post(path + "/status").then().statusCode(200);
            given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("author", "agent-1", "visibility", "INTERNAL",
                    "text", "customer's admin password is on the sticky note")).post(path + "/notes").then().statusCode(201);
            given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("author", "agent-1", "visibility", "PUBLIC", "progressUpdate", true,
                    "text", "we restarted the host")).post(path + "/notes").then().statusCode(201);
            given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("resolutionCode", "FIXED", "firstContactResolution", false, "agent", "agent-1"))
                    .post(path + "/resolve").then().statusCode(200);
            Thread.sleep(5); // the reacknowledgement below must fall in a later millisecond than the first
            given().auth().oauth2(Tokens.customer(customerId, customerId)).contentType(ContentType.JSON).body(Map.of("reason", "RECURRENCE", "actor", customerId))
                    .post(path + "/reopen").then().statusCode(200);
            String ticketAcknowledgedAt = given().auth().oauth2(Tokens.agent("agent-2")).contentType(ContentType.JSON).body(Map.of("agent", "agent-2"))
                    .post(path + "/acknowledge").then().statusCode(200).extract().path("acknowledgedAt");
            given().auth().oauth2(Tokens.agent("agent-2")).contentType(ContentType.JSON).body(Map.of("resolutionCode", "WORKAROUND", "firstContactResolution", false,
                    "agent", "agent-2")).post(path + "/resolve").then().statusCode(200);
            given().auth().oauth2(Tokens.agent("agent-2")).contentType(ContentType.JSON).body(Map.of("actor", "agent-2")).post(path + "/close").then().statusCode(200);

            List<TicketEvent> events = eventsOf(tickets, id, 10);
            assertEquals(List.of("TicketOpened", "TicketAcknowledged", "TicketStatusChanged", "TicketNoteAdded", "TicketNoteAdded",
                    "TicketResolved", "TicketReopened", "TicketAcknowledged", "TicketResolved", "TicketClosed"),
                    events.stream().map(TicketEvent::getEventType).toList());

            TicketOpened opened = (TicketOpened) events.get(0).getPayload();
            assertEquals("L1", opened.getSupportLevel().name());
            assertFalse(opened.getEmergency());

            TicketAcknowledged first = (TicketAcknowledged) events.get(1).getPayload();
            assertEquals("agent-1", first.getAcknowledgedBy());
            assertEquals(AcknowledgerKind.AGENT, first.getAcknowledgedByKind());
            assertTrue(first.getFirstResponse());
            assertEquals(TicketStatus.OPEN, first.getPreviousStatus());

            TicketStatusChanged changed = (TicketStatusChanged) events.get(2).getPayload();
            assertEquals(TicketStatus.ACKNOWLEDGED, changed.getFromStatus());
            assertEquals(TicketStatus.IN_PROGRESS, changed.getToStatus());
            assertEquals("investigating", changed.getReason());

            TicketNoteAdded internal = (TicketNoteAdded) events.get(3).getPayload();
            assertEquals("INTERNAL", internal.getVisibility().name());
            assertEquals("agent-1", internal.getAuthorId());
            assertTrue(internal.getNoteId().startsWith("NOTE-"));
            assertEquals("", internal.getText(), "an internal note's text is not published");
            assertTrue(internal.getTextWithheld());
            TicketNoteAdded published = (TicketNoteAdded) events.get(4).getPayload();
            assertEquals("we restarted the host", published.getText());
            assertFalse(published.getTextWithheld());
            assertTrue(published.getProgressUpdate());

            TicketResolved resolved = (TicketResolved) events.get(5).getPayload();
            assertEquals(TicketStatus.IN_PROGRESS, resolved.getPreviousStatus());
            assertEquals("FIXED", resolved.getResolutionCode().name());
            assertEquals("P2", resolved.getPriority().name());
            assertEquals("technical.ecs", resolved.getCategory());
            assertEquals("ecs", resolved.getProduct());
            assertEquals("ENTERPRISE", resolved.getCustomerTier().name());

            TicketReopened reopened = (TicketReopened) events.get(6).getPayload();
            assertEquals(TicketStatus.RESOLVED, reopened.getPreviousStatus());
            assertEquals("RECURRENCE", reopened.getReason().name());

            TicketAcknowledged second = (TicketAcknowledged) events.get(7).getPayload();
            assertEquals(TicketStatus.REOPENED, second.getPreviousStatus());
            assertNotEquals(first.getAcknowledgedAt(), second.getAcknowledgedAt(), "not the first, stale acknowledgedAt");
            assertTrue(second.getAcknowledgedAt().isAfter(reopened.getReopenedAt()) || second.getAcknowledgedAt().equals(reopened.getReopenedAt()));
            assertEquals(first.getAcknowledgedAt(), Instant.parse(ticketAcknowledgedAt),
                    "the ticket's acknowledgedAt stays its first response");
            assertFalse(second.getFirstResponse());

            TicketClosed closed = (TicketClosed) events.get(9).getPayload();
            assertEquals(TicketStatus.RESOLVED, closed.getPreviousStatus());
            assertEquals("agent-2", closed.getClosedBy());
            assertTrue(closed.getRetainUntil().isAfter(java.time.LocalDate.now()));
        }
    }

    @Test
    void aWebTicketWithoutAProductTakesTheOneItsCategoryNamesAndTheSkill() {
        String customerId = TicketApiTest.customer("STANDARD");
        given().auth().oauth2(Tokens.operator("ops-1")).contentType(ContentType.JSON).body(Map.of("tier", "STANDARD", "language", "zh", "timeZone", "Asia/Shanghai"))
                .put("/api/v1/customers/" + customerId).then().statusCode(200);
        Map<String, Object> body = TicketApiTest.ticket(customerId);
        body.remove("product");
        body.put("category", "technical.storage");
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            String id = given().auth().oauth2(Tokens.system("web-console")).contentType(ContentType.JSON).body(body).post("/api/v1/tickets").then().statusCode(201)
                    .body("product", is("storage")).body("skill", is("storage")).extract().path("id");
            TicketOpened opened = (TicketOpened) eventsOf(tickets, id, 1).get(0).getPayload();
            assertEquals("storage", opened.getProduct());
            assertEquals("storage", opened.getSkill());
            assertEquals("Asia/Shanghai", opened.getCustomerTimeZone());
            assertEquals(null, opened.getProblemStartedAt(), "the web channel does not say when the problem started");
        }
    }
}
