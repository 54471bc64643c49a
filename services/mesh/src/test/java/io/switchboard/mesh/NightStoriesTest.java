package io.switchboard.mesh;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.switchboard.contracts.Topic;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static io.switchboard.mesh.Events.field;
import static io.switchboard.mesh.Events.is;
import static io.switchboard.mesh.Events.payload;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The night stories at 23:00 desk time (Beijing), when the home centre's groups are closed: intake and two routing
 * processes, each with its own database and consumer groups, reading the same tickets. {@code routing} runs the
 * default after-hours policy (follow the sun), {@code routing-wait} the other one (wait for the home group's next
 * opening), so one ticket shows both decisions. Escalation, compensation and feedback take no part in these
 * stories and are not started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightStoriesTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    Mesh mesh;

    @BeforeAll
    void startTheMesh() {
        mesh = Mesh.start("night", LocalTime.of(23, 0), List.of(
                Mesh.Process.of("intake", Map.of()),
                Mesh.Process.of("routing", Map.of()),
                new Mesh.Process("routing-wait", "routing", Map.of("switchboard.routing.policy.\"after-hours\"", "WAIT"))));
    }

    @AfterAll
    void stopTheMesh() {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void aBillingQuestionAtElevenFollowsTheSunOrWaitsForTheNextOpening() {
        String customer = "cust-" + unique();
        as(Tokens.operator("op-1"), "intake").contentType(ContentType.JSON)
                .body(Map.of("tier", "STANDARD", "language", "en", "region", "cn-beijing", "timeZone", "Asia/Shanghai",
                        "callerNumbers", List.of()))
                .put("/api/v1/customers/" + customer).then().statusCode(201);
        try (TopicProbe routing = TopicProbe.open(Topic.ROUTING.topicName())) {
            JsonPath ticket = as(Tokens.customer(customer, "user-1"), "intake").contentType(ContentType.JSON)
                    .body(Map.of("customerId", customer, "summary", "Why was I charged twice this month?", "category", "billing.invoice",
                            "impact", "MINOR", "urgency", "MEDIUM"))
                    .post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
            String id = ticket.getString("id");
            LocalTime opened = Instant.parse(ticket.getString("openedAt")).atZone(Mesh.DESK_ZONE).toLocalTime();
            assertTrue(!opened.isBefore(LocalTime.of(23, 0)) && opened.isBefore(LocalTime.of(23, 10)), "23:00 desk time: " + opened);

            // Follow the sun (the default): an open centre whose group serves billing in English.
            JsonPath followed = awaitStatus("routing", id, "ASSIGNED");
            assertEquals("FOLLOW_THE_SUN", followed.getString("history[-1].rule"), followed.prettify());
            JsonPath group = as(Tokens.supervisor("sup-1"), "routing").get("/api/v1/routing/groups/" + followed.getString("ticket.groupId"))
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("billing", group.getString("skill"));
            assertTrue(group.getList("languages", String.class).contains("en"), group.prettify());
            assertTrue(open(group, centreZone(group.getString("centreId")), mesh.deskNow()),
                    "the group's centre is open now: " + group.prettify());
            SpecificRecord assigned = payload(Topic.ROUTING, routing.awaitOne(is(id, "TicketAssigned", mesh, "routing"), WAIT));
            assertEquals("FOLLOW_THE_SUN", field(assigned, "reason"));

            // Wait (the other policy): queued in the home group until its next opening, 08:00 there.
            JsonPath waiting = awaitStatus("routing-wait", id, "QUEUED");
            Instant waitUntil = Instant.parse(waiting.getString("ticket.waitUntil"));
            JsonPath home = as(Tokens.supervisor("sup-1"), "routing-wait").get("/api/v1/routing/groups/" + waiting.getString("ticket.groupId"))
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("billing", home.getString("skill"));
            ZonedDateTime opening = waitUntil.atZone(centreZone(home.getString("centreId")));
            assertEquals(LocalTime.of(8, 0), opening.toLocalTime(), "the home group's next opening: " + waiting.prettify());
            assertTrue(waitUntil.isAfter(mesh.deskNow()) && waitUntil.isBefore(mesh.deskNow().plus(Duration.ofHours(10))), waitUntil.toString());
            assertEquals(null, waiting.getString("ticket.agentId"));
        }
    }

    @Test
    void theSameHourAnEmergencyKeyCallReachesALiveAgent() {
        try (TopicProbe routing = TopicProbe.open(Topic.ROUTING.topicName())) {
            String number = "+86" + (10_000_000_000L + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999_999L));
            JsonPath ticket = as(Tokens.system("telephony"), "intake").contentType(ContentType.JSON)
                    .body(Map.of("callId", "call-" + unique(), "callerNumber", number, "emergencyKeyPressed", true,
                            "receivedAt", mesh.deskNow().toString()))
                    .post("/api/v1/calls").then().statusCode(201).extract().jsonPath();
            String id = ticket.getString("id");
            assertEquals(true, ticket.getBoolean("emergency"));

            SpecificRecord assigned = payload(Topic.ROUTING, routing.awaitOne(is(id, "TicketAssigned", mesh, "routing"), WAIT));
            assertEquals("EMERGENCY", field(assigned, "reason"));
            JsonPath agent = as(Tokens.supervisor("sup-1"), "routing").get("/api/v1/routing/agents/" + field(assigned, "agentId"))
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("AVAILABLE", agent.getString("agent.presence"), "a live agent: " + agent.prettify());
            assertTrue(agent.getList("tickets.id", String.class).contains(id), agent.prettify());
        }
    }

    private JsonPath awaitStatus(String process, String id, String status) {
        AtomicReference<JsonPath> view = new AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            var response = as(Tokens.supervisor("sup-1"), process).get("/api/v1/routing/tickets/" + id);
            if (response.statusCode() == 200 && status.equals(response.jsonPath().getString("ticket.status"))) {
                view.set(response.jsonPath());
                return true;
            }
            return false;
        });
        return view.get();
    }

    private ZoneId centreZone(String centre) {
        List<Map<String, Object>> centres = as(Tokens.supervisor("sup-1"), "routing").get("/api/v1/routing/centres")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return centres.stream().filter(c -> centre.equals(c.get("id"))).map(c -> ZoneId.of((String) c.get("zone")))
                .findFirst().orElseThrow(() -> new AssertionError("no centre " + centre));
    }

    /** Whether a group with daily hours {@code HH:mm-HH:mm} (the default desk's) is open at {@code at}. */
    private static boolean open(JsonPath group, ZoneId zone, Instant at) {
        String hours = group.getString("hours");
        if (hours.equals("24x7")) {
            return true;
        }
        String[] span = hours.substring(hours.indexOf('=') + 1).split("-");
        LocalTime local = at.atZone(zone).toLocalTime();
        return !local.isBefore(LocalTime.parse(span[0])) && local.isBefore(LocalTime.parse(span[1]));
    }

    private RequestSpecification as(String token, String process) {
        return given().baseUri(mesh.url(process)).auth().oauth2(token);
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
