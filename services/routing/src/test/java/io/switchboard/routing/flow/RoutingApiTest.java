package io.switchboard.routing.flow;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.routing.domain.RoutingTicket;
import io.switchboard.routing.ticket.TicketRouting;
import io.switchboard.testkit.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** The REST API: who may call, problem answers naming the field, transfers, declines and the routing history. */
@QuarkusTest
@QuarkusTestResource(RoutingStack.class)
class RoutingApiTest {

    @Inject
    TicketRouting routing;

    private String skill;
    private String group;

    @BeforeEach
    void ownDesk() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        skill = "skill-" + run;
        group = "g-" + run;
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON).body(Map.of("zone", "UTC"))
                .put("/api/v1/routing/centres/test-utc").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        RoutingFlowTest.defineGroupAs(group, skill, "L1", "BASIC_OPERATIONS");
    }

    private String open() {
        String id = "T-" + UUID.randomUUID();
        routing.open(new RoutingTicket(id, "c", CustomerTier.STANDARD, "en", skill, "technical." + skill, null, Priority.P3, false, null,
                SupportLevel.L1, null, null, null, Instant.now(), Set.of()));
        return id;
    }

    @Test
    void everyEndpointNeedsAToken() {
        given().get("/api/v1/routing/queues").then().statusCode(401);
        given().auth().oauth2(Tokens.customer("c1", "c1")).get("/api/v1/routing/queues").then().statusCode(403);
        given().auth().oauth2(Tokens.agent("a1")).contentType(ContentType.JSON).body(Map.of("zone", "UTC"))
                .put("/api/v1/routing/centres/x").then().statusCode(403);
    }

    @Test
    void badDefinitionsAreRefusedNamingTheField() {
        Map<String, Object> body = new HashMap<>(Map.of("name", "x", "skill", skill, "languages", List.of("en"), "certification", "BASIC_OPERATIONS",
                "level", "L1", "centre", "test-utc", "hours", "mon-fri=08:00-20:00", "strategy", "LEAST_LOADED"));
        body.put("hours", "mon=25:00-26:00");
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON).body(body).put("/api/v1/routing/groups/" + group + "-bad")
                .then().statusCode(400).contentType("application/problem+json").body(containsString("hours"));
        body.put("hours", "24x7");
        body.put("centre", "atlantis");
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON).body(body).put("/api/v1/routing/groups/" + group + "-bad")
                .then().statusCode(400).body(containsString("centre"));
        body.put("centre", "test-utc");
        body.remove("languages");
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON).body(body).put("/api/v1/routing/groups/" + group + "-bad")
                .then().statusCode(400).body(containsString("languages"));
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON)
                .body(Map.of("name", "a", "centre", "test-utc", "languages", List.of("en"), "skills", Map.of(), "certifications", List.of(),
                        "groups", List.of(group), "capacity", 500))
                .put("/api/v1/routing/agents/" + group + "-big").then().statusCode(400).body(containsString("capacity"));
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON).body("{\"zone\": ")
                .put("/api/v1/routing/centres/test-utc").then().statusCode(400);
        given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/routing/agents/nobody-" + group).then().statusCode(404);
        given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/routing/groups/" + group + "-bad").then().statusCode(404);
    }

    @Test
    void anAgentSeesOnlyTheirOwnWorklistAndDeclinesWithAReason() {
        RoutingFlowTest.defineAgent(group + "-a1", group, 1, "AVAILABLE", "BASIC_OPERATIONS");
        String ticket = open();
        given().auth().oauth2(Tokens.agent(group + "-a2")).get("/api/v1/routing/agents/" + group + "-a1/worklist").then().statusCode(403);
        given().auth().oauth2(Tokens.agent(group + "-a1")).get("/api/v1/routing/agents/" + group + "-a1/worklist").then().statusCode(200)
                .body("id", hasItem(ticket));
        RoutingFlowTest.defineAgent(group + "-a2", group, 1, "AVAILABLE", "BASIC_OPERATIONS");
        given().auth().oauth2(Tokens.agent(group + "-a2")).contentType(ContentType.JSON).body(Map.of("reason", "not mine"))
                .post("/api/v1/routing/agents/" + group + "-a1/worklist/" + ticket + "/decline").then().statusCode(403);
        given().auth().oauth2(Tokens.agent(group + "-a1")).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/routing/agents/" + group + "-a1/worklist/" + ticket + "/decline").then().statusCode(400).body(containsString("reason"));
        given().auth().oauth2(Tokens.agent(group + "-a1")).contentType(ContentType.JSON).body(Map.of("reason", "not my product"))
                .post("/api/v1/routing/agents/" + group + "-a1/worklist/" + ticket + "/decline").then().statusCode(200)
                .body("agentId", is(group + "-a2"));
        given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/routing/tickets/" + ticket).then().statusCode(200)
                .body("history.action", hasItem("DECLINED"))
                .body("history.find { it.action == 'DECLINED' }.skipped.find { it.candidate == '" + group + "-a1' }.reason", is("DECLINED_BEFORE"));
    }

    @Test
    void aSupervisorTransfersToAGroupOrAnAgentAndTheHistoryShowsIt() {
        RoutingFlowTest.defineAgent(group + "-a1", group, 2, "AVAILABLE", "BASIC_OPERATIONS");
        String other = group + "-other";
        RoutingFlowTest.defineGroupAs(other, skill + "-other", "L1", "BASIC_OPERATIONS");
        RoutingFlowTest.defineAgent(other + "-b1", other, 1, "AVAILABLE", "BASIC_OPERATIONS");
        String ticket = open();
        String path = "/api/v1/routing/tickets/" + ticket + "/transfer";
        given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post(path).then().statusCode(400);
        given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON).body(Map.of("group", "nowhere", "reason", "x"))
                .post(path).then().statusCode(404);
        given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON).body(Map.of("group", other, "reason", "storage, not servers"))
                .post(path).then().statusCode(200).body("ticket.agentId", is(other + "-b1")).body("ticket.groupId", is(other));
        String second = open();
        given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON).body(Map.of("agent", other + "-b1", "reason", "x"))
                .post("/api/v1/routing/tickets/" + second + "/transfer").then().statusCode(422).body(containsString("1 of 1"));
        given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON).body(Map.of("agent", group + "-a1", "reason", "back"))
                .post(path).then().statusCode(200).body("ticket.agentId", is(group + "-a1"))
                .body("history.action", hasItem("TRANSFERRED")).body("history.actor", hasItem("sup-1"));
        given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/routing/agents/" + other + "-b1").then().statusCode(200)
                .body("agent.load", is(0)).body("tickets.id", not(hasItem(ticket)));
        given().get("/q/metrics").then().statusCode(200).body(containsString("switchboard_routing_queue_depth"));
    }

    @Test
    void anAgentWithAShiftRosterComesOnWithTheShift() throws Exception {
        Map<String, Object> agent = new HashMap<>(Map.of("name", "r", "centre", "test-utc", "languages", List.of("en"), "skills", Map.of(),
                "certifications", List.of("BASIC_OPERATIONS"), "groups", List.of(group), "capacity", 1, "roster", "mon=25:00-26:00"));
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON).body(agent)
                .put("/api/v1/routing/agents/" + group + "-r1").then().statusCode(400).body(containsString("roster"));
        agent.put("roster", "24x7");
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON).body(agent)
                .put("/api/v1/routing/agents/" + group + "-r1").then().statusCode(201).body("agent.presence", is("OFFLINE"));
        String ticket = open(); // queued: nobody is on
        for (int i = 0; i < 30; i++) { // the sweep runs every second in tests; the queue is served just after the shift starts
            var seen = given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/routing/agents/" + group + "-r1").then().extract();
            List<String> tickets = seen.path("tickets.id");
            if (seen.path("agent.presence").equals("AVAILABLE") && tickets.contains(ticket)) {
                break;
            }
            Thread.sleep(500);
        }
        given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/routing/agents/" + group + "-r1").then().statusCode(200)
                .body("agent.presence", is("AVAILABLE")).body("tickets.id", hasItem(ticket));
    }

    @Test
    void theForecastServesTheGroupsSeatsHourByHourWithDeclaredPeaks() {
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON)
                .body(Map.of("group", group, "from", "2026-12-01", "to", "2026-11-30", "multiplier", 2))
                .post("/api/v1/routing/peak-events").then().statusCode(400).body(containsString("to"));
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON)
                .body(Map.of("group", group, "from", "2026-12-01", "to", "2026-12-02", "multiplier", 2, "note", "sale"))
                .post("/api/v1/routing/peak-events").then().statusCode(201);
        open();
        given().auth().oauth2(Tokens.supervisor("s")).queryParam("group", group).get("/api/v1/routing/forecast").then().statusCode(200)
                .body("hours.size()", is(72)).body("answerTargetSeconds", is(30));
        given().auth().oauth2(Tokens.supervisor("s")).queryParam("group", "nowhere").get("/api/v1/routing/forecast").then().statusCode(404);
        given().auth().oauth2(Tokens.agent("a")).queryParam("group", group).get("/api/v1/routing/forecast").then().statusCode(403);
    }
}
