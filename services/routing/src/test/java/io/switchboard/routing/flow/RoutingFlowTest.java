package io.switchboard.routing.flow;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.contracts.routing.RoutingEvent;
import io.switchboard.contracts.routing.TicketAssigned;
import io.switchboard.contracts.routing.TicketQueued;
import io.switchboard.contracts.routing.TicketRerouted;
import io.switchboard.contracts.routing.TicketUnassigned;
import io.switchboard.contracts.routing.UnassignReason;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.sla.EscalationReason;
import io.switchboard.contracts.sla.MajorIncidentDeclared;
import io.switchboard.contracts.sla.TicketEscalated;
import io.switchboard.eventing.CloudEventHeaders;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tickets in from the real support.tickets.v1 and support.sla.v1, assignments out on the real
 * support.routing.v1, against the real PostgreSQL and registry. Each test works in its own skill (its
 * own groups and agents), so the default desk and other tests' tickets never interfere.
 */
@QuarkusTest
@QuarkusTestResource(RoutingStack.class)
class RoutingFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventSerde serde;

    private String skill;
    private String group;

    @BeforeEach
    void ownDesk() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        skill = "skill-" + run;
        group = "g-" + run;
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON)
                .body(Map.of("zone", "UTC", "publicHolidays", List.of())).put("/api/v1/routing/centres/test-utc").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        defineGroup(group, "L1", "BASIC_OPERATIONS");
    }

    static void defineGroupAs(String id, String skill, String level, String certification) {
        defineGroupAt(id, skill, level, certification, "test-utc", false);
    }

    /** A 24x7 English group of this centre, least loaded first. */
    static void defineGroupAt(String id, String skill, String level, String certification, String centre, boolean emergency) {
        defineGroupAt(id, skill, level, certification, centre, emergency, "LEAST_LOADED");
    }

    /** A 24x7 English group of this centre, choosing its agent by {@code strategy}. */
    static void defineGroupAt(String id, String skill, String level, String certification, String centre, boolean emergency, String strategy) {
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON)
                .body(Map.of("name", id, "skill", skill, "languages", List.of("en"), "certification", certification, "level", level,
                        "centre", centre, "hours", "24x7", "strategy", strategy, "emergency", emergency))
                .put("/api/v1/routing/groups/" + id).then().statusCode(201);
    }

    private void defineGroup(String id, String level, String certification) {
        defineGroupAs(id, skill, level, certification);
    }

    static void defineAgent(String id, String group, int capacity, String presence, String certification) {
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON)
                .body(Map.of("name", id, "centre", "test-utc", "languages", List.of("en"), "skills", Map.of(),
                        "certifications", List.of(certification), "groups", List.of(group), "capacity", capacity))
                .put("/api/v1/routing/agents/" + id).then().statusCode(201);
        given().auth().oauth2(Tokens.supervisor("sup")).contentType(ContentType.JSON).body(Map.of("presence", presence))
                .put("/api/v1/routing/agents/" + id + "/presence").then().statusCode(200);
    }

    private <T> T await(TopicProbe probe, String ticketId, Class<T> type) {
        ConsumerRecord<byte[], byte[]> r = probe.awaitOne(rec -> ticketId.equals(new String(rec.key(), StandardCharsets.UTF_8))
                && type.isInstance(event(rec).getPayload()), WAIT);
        return type.cast(event(r).getPayload());
    }

    private RoutingEvent event(ConsumerRecord<byte[], byte[]> r) {
        return (RoutingEvent) serde.deserialize(Topic.ROUTING, r.value());
    }

    private int load(String agent) {
        return given().auth().oauth2(Tokens.supervisor("sup")).get("/api/v1/routing/agents/" + agent).then().statusCode(200)
                .extract().path("agent.load");
    }

    @Test
    void aRoundRobinGroupTakesItsAgentsInTurnAcrossTransactions() throws Exception {
        // Each ticket is resolved before the next opens, so every agent is idle each time: least loaded would pick
        // the same agent four times; round robin must read the group's previous pick from the database each time.
        String rrSkill = skill + "-rr";
        String rrGroup = group + "-rr";
        defineGroupAt(rrGroup, rrSkill, "L1", "BASIC_OPERATIONS", "test-utc", false, "ROUND_ROBIN");
        for (String n : List.of("a1", "a2", "a3")) {
            defineAgent(rrGroup + "-" + n, rrGroup, 2, "AVAILABLE", "BASIC_OPERATIONS");
        }
        List<String> picked = new ArrayList<>();
        try (TopicProbe routing = TopicProbe.open(Topic.ROUTING.topicName()); Events events = new Events(serde)) {
            for (int i = 0; i < 4; i++) {
                String ticket = "T-" + UUID.randomUUID();
                events.publish(Topic.TICKETS, ticket, Events.opened(ticket, rrSkill, "en", Priority.P3), "intake");
                picked.add(await(routing, ticket, TicketAssigned.class).getAgentId());
                events.publish(Topic.TICKETS, ticket, Events.resolved(ticket), "intake");
                await(routing, ticket, TicketUnassigned.class);
            }
        }
        assertEquals(List.of(rrGroup + "-a1", rrGroup + "-a2", rrGroup + "-a3", rrGroup + "-a1"), picked);
    }

    @Test
    void aTicketFromTheTopicIsAssignedOnTheTopicAndARedeliveryChangesNothing() throws Exception {
        String agent = group + "-a1";
        defineAgent(agent, group, 2, "AVAILABLE", "BASIC_OPERATIONS");
        String ticket = "T-" + UUID.randomUUID();
        try (TopicProbe routing = TopicProbe.open(Topic.ROUTING.topicName()); Events events = new Events(serde)) {
            ProducerRecord<String, byte[]> sent = events.publish(Topic.TICKETS, ticket, Events.opened(ticket, skill, "en", Priority.P3), "intake");
            TicketAssigned assigned = await(routing, ticket, TicketAssigned.class);
            assertEquals(agent, assigned.getAgentId());
            assertEquals(group, assigned.getSkillGroupId());
            assertEquals(SupportLevel.L1, assigned.getSupportLevel());

            events.send(sent); // the same event again, as after a consumer restart
            List<ConsumerRecord<byte[], byte[]>> again = routing.collect(r -> ticket.equals(new String(r.key(), StandardCharsets.UTF_8)), Duration.ofSeconds(4));
            assertEquals(1, again.size(), "a redelivery publishes nothing more (the probe keeps the first)");
            assertEquals(1, load(agent), "and holds one ticket, not two");
        }
        given().auth().oauth2(Tokens.agent(agent)).get("/api/v1/routing/tickets/" + ticket).then().statusCode(200)
                .body("ticket.status", is("ASSIGNED")).body("history[0].action", is("ROUTED")).body("history[0].rule", is("SKILL_MATCH"))
                .body("history[0].reason", org.hamcrest.Matchers.containsString(agent));
    }

    @Test
    void aQueuedTicketIsServedWhenAnAgentComesOnAndWhenCapacityFrees() throws Exception {
        String agent = group + "-a1";
        defineAgent(agent, group, 1, "OFFLINE", "BASIC_OPERATIONS");
        String first = "T-" + UUID.randomUUID();
        String second = "T-" + UUID.randomUUID();
        try (TopicProbe routing = TopicProbe.open(Topic.ROUTING.topicName()); Events events = new Events(serde)) {
            events.publish(Topic.TICKETS, first, Events.opened(first, skill, "en", Priority.P3), "intake");
            TicketQueued queued = await(routing, first, TicketQueued.class);
            assertEquals(group, queued.getSkillGroupId());
            assertEquals(30, queued.getAnswerTargetSeconds(), "English: 30 s");
            given().auth().oauth2(Tokens.supervisor("sup")).get("/api/v1/routing/agents/" + agent).then().statusCode(200).body("agent.presence", is("OFFLINE"));
            given().auth().oauth2(Tokens.agent(agent)).contentType(ContentType.JSON).body(Map.of("presence", "AVAILABLE"))
                    .put("/api/v1/routing/agents/" + agent + "/presence").then().statusCode(200)
                    .body("tickets.id", hasItem(first)); // served in the same request
            assertEquals(agent, await(routing, first, TicketAssigned.class).getAgentId());

            events.publish(Topic.TICKETS, second, Events.opened(second, skill, "en", Priority.P4), "intake");
            await(routing, second, TicketQueued.class); // the agent is full
            events.publish(Topic.TICKETS, first, Events.resolved(first), "intake");
            assertEquals(UnassignReason.RESOLVED, await(routing, first, TicketUnassigned.class).getReason());
            assertEquals(agent, await(routing, second, TicketAssigned.class).getAgentId(), "served at once when capacity freed");
            assertEquals(1, load(agent));
        }
    }

    @Test
    void anEscalationMovesTheTicketToAGroupOfItsNewLevel() throws Exception {
        String l2 = group + "-l2";
        defineGroup(l2, "L2", "SYSTEM_FAULTS");
        defineAgent(group + "-a1", group, 2, "AVAILABLE", "BASIC_OPERATIONS");
        defineAgent(l2 + "-x1", l2, 2, "AVAILABLE", "SYSTEM_FAULTS");
        String ticket = "T-" + UUID.randomUUID();
        try (TopicProbe routing = TopicProbe.open(Topic.ROUTING.topicName()); Events events = new Events(serde)) {
            events.publish(Topic.TICKETS, ticket, Events.opened(ticket, skill, "en", Priority.P3), "intake");
            assertEquals(group, await(routing, ticket, TicketAssigned.class).getSkillGroupId());
            events.publish(Topic.SLA, ticket, TicketEscalated.newBuilder().setTicketId(ticket).setFromLevel(SupportLevel.L1)
                    .setToLevel(SupportLevel.L2).setReason(EscalationReason.SLA_BREACH).setEscalatedBy("escalation")
                    .setEscalatedAt(java.time.Instant.now()).build(), "escalation");
            TicketRerouted rerouted = await(routing, ticket, TicketRerouted.class);
            assertEquals(l2, rerouted.getToSkillGroupId());
            assertEquals(group + "-a1", rerouted.getPreviousAgentId());
            List<ConsumerRecord<byte[], byte[]>> assigned = routing.await(r -> ticket.equals(new String(r.key(), StandardCharsets.UTF_8))
                    && event(r).getPayload() instanceof TicketAssigned, 2, WAIT);
            TicketAssigned second = (TicketAssigned) event(assigned.get(1)).getPayload();
            assertEquals(l2 + "-x1", second.getAgentId());
            assertEquals(SupportLevel.L2, second.getSupportLevel());
        }
        assertEquals(0, load(group + "-a1"));
    }

    @Test
    void aMajorIncidentMovesTheTicketToAnEmergencyGroupAtL3() throws Exception {
        String emergencyGroup = group + "-em";
        defineGroupAt(emergencyGroup, skill + "-em", "L3", "SYSTEM_FAULTS", "test-utc", true);
        defineAgent(group + "-a1", group, 2, "AVAILABLE", "BASIC_OPERATIONS");
        defineAgent(emergencyGroup + "-e1", emergencyGroup, 2, "AVAILABLE", "SYSTEM_FAULTS"); // at least one emergency seat free
        String ticket = "T-" + UUID.randomUUID();
        String incident = "MI-" + UUID.randomUUID();
        try (TopicProbe routing = TopicProbe.open(Topic.ROUTING.topicName()); Events events = new Events(serde)) {
            events.publish(Topic.TICKETS, ticket, Events.opened(ticket, skill, "en", Priority.P3), "intake");
            assertEquals(group, await(routing, ticket, TicketAssigned.class).getSkillGroupId());
            events.publish(Topic.SLA, ticket, MajorIncidentDeclared.newBuilder().setTicketId(ticket).setMajorIncidentId(incident)
                    .setEmergencyLevel(EmergencyLevel.LEVEL_2).setSummary("core API down").setResponseTeam("technical-committee")
                    .setProgressUpdateIntervalMinutes(30).setDeclaredBy("duty-manager").setDeclaredAt(java.time.Instant.now()).build(), "escalation");
            TicketRerouted rerouted = await(routing, ticket, TicketRerouted.class);
            assertEquals(io.switchboard.contracts.routing.RerouteReason.ESCALATION, rerouted.getReason());
            assertEquals(group + "-a1", rerouted.getPreviousAgentId());
            assertEquals("major incident " + incident, rerouted.getNote());
            String to = rerouted.getToSkillGroupId();
            given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/routing/groups/" + to).then().statusCode(200)
                    .body("emergency", is(true)); // the default desk's emergency groups speak English too: any of them will do
            List<ConsumerRecord<byte[], byte[]>> assigned = routing.await(r -> ticket.equals(new String(r.key(), StandardCharsets.UTF_8))
                    && event(r).getPayload() instanceof TicketAssigned, 2, WAIT);
            TicketAssigned second = (TicketAssigned) event(assigned.get(1)).getPayload();
            assertEquals(to, second.getSkillGroupId());
            assertEquals(SupportLevel.L3, second.getSupportLevel());
        }
        given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/routing/tickets/" + ticket).then().statusCode(200)
                .body("ticket.emergency", is(true)).body("ticket.level", is("L3"))
                .body("history.find { it.action == 'REROUTED' }.rule", is("EMERGENCY")); // the emergency rule chose the group
        assertEquals(0, load(group + "-a1"));
    }

    @Test
    void aReclassifiedTicketIsMovedToTheGroupOfItsNewSkill() throws Exception {
        String otherSkill = skill + "-storage";
        String other = group + "-storage";
        defineGroupAs(other, otherSkill, "L1", "BASIC_OPERATIONS");
        defineAgent(group + "-a1", group, 2, "AVAILABLE", "BASIC_OPERATIONS");
        defineAgent(other + "-s1", other, 2, "AVAILABLE", "BASIC_OPERATIONS");
        String ticket = "T-" + UUID.randomUUID();
        try (TopicProbe routing = TopicProbe.open(Topic.ROUTING.topicName()); Events events = new Events(serde)) {
            events.publish(Topic.TICKETS, ticket, Events.opened(ticket, skill, "en", Priority.P3), "intake");
            assertEquals(group, await(routing, ticket, TicketAssigned.class).getSkillGroupId());
            events.publish(Topic.TICKETS, ticket, io.switchboard.contracts.tickets.TicketReclassified.newBuilder().setTicketId(ticket)
                    .setTicketClass(io.switchboard.contracts.common.TicketClass.TECHNICAL).setCategory("technical." + otherSkill).setSkill(otherSkill)
                    .setImpact(io.switchboard.contracts.common.Impact.MODERATE).setUrgency(io.switchboard.contracts.common.Urgency.MEDIUM)
                    .setPriority(Priority.P3).setEmergency(false).setPreviousEmergency(false).setPreviousCategory("technical." + skill)
                    .setPreviousPriority(Priority.P3).setReason("IVR misroute").setReclassifiedBy("agent-7")
                    .setReclassifiedAt(java.time.Instant.now()).build(), "intake");
            TicketRerouted rerouted = await(routing, ticket, TicketRerouted.class);
            assertEquals(io.switchboard.contracts.routing.RerouteReason.MISROUTED, rerouted.getReason());
            assertEquals(other, rerouted.getToSkillGroupId());
            assertEquals("IVR misroute", rerouted.getNote());
            assertEquals(UnassignReason.REROUTED, await(routing, ticket, TicketUnassigned.class).getReason());
        }
        given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/routing/tickets/" + ticket).then().statusCode(200)
                .body("ticket.agentId", is(other + "-s1")).body("history.action", hasItem("REROUTED"));
        assertEquals(0, load(group + "-a1"));
    }

    @Test
    void onACentresPublicHolidayItsGroupsGetTemporarySeats() throws Exception {
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON)
                .body(Map.of("zone", "UTC", "publicHolidays", List.of(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(),
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString())))
                .put("/api/v1/routing/centres/test-holiday").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        String holidayGroup = group + "-hol";
        defineGroupAt(holidayGroup, skill + "-hol", "L1", "BASIC_OPERATIONS", "test-holiday", false);
        defineAgent(holidayGroup + "-a1", holidayGroup, 1, "AVAILABLE", "BASIC_OPERATIONS");
        String first = "T-" + UUID.randomUUID();
        String second = "T-" + UUID.randomUUID();
        try (TopicProbe routing = TopicProbe.open(Topic.ROUTING.topicName()); Events events = new Events(serde)) {
            events.publish(Topic.TICKETS, first, Events.opened(first, skill + "-hol", "en", Priority.P3), "intake");
            events.publish(Topic.TICKETS, second, Events.opened(second, skill + "-hol", "en", Priority.P3), "intake");
            List<ConsumerRecord<byte[], byte[]>> assigned = routing.await(r -> {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                return (key.equals(first) || key.equals(second)) && event(r).getPayload() instanceof TicketAssigned;
            }, 2, WAIT);
            List<String> agents = assigned.stream().map(r -> ((TicketAssigned) event(r).getPayload()).getAgentId()).toList();
            assertTrue(agents.contains(holidayGroup + "-a1"), agents.toString());
            assertTrue(agents.contains("holiday-" + holidayGroup + "-1"), "one holiday seat (50% of one agent, rounded up) took the other: " + agents);
        }
    }

    @Test
    void anUnknownEventTypeIsSkippedAndPoisonIsDeadLetteredWhileRoutingGoesOn() throws Exception {
        defineAgent(group + "-a1", group, 5, "AVAILABLE", "BASIC_OPERATIONS");
        String unknown = "T-" + UUID.randomUUID();
        String poison = "T-" + UUID.randomUUID();
        String good = "T-" + UUID.randomUUID();
        try (TopicProbe routing = TopicProbe.open(Topic.ROUTING.topicName()); TopicProbe dlq = TopicProbe.open(Topic.TICKETS.topicName() + ".dlq");
             Events events = new Events(serde)) {
            RecordHeaders future = new RecordHeaders();
            CloudEventHeaders.of(UUID.randomUUID().toString(), "io.switchboard.contracts.tickets.TicketTeleported", "intake", unknown,
                    java.time.Instant.now()).forEach(future::add);
            events.send(new ProducerRecord<>(Topic.TICKETS.topicName(), null, unknown, new byte[]{0, 0, 0, 0, 1, 2, 3}, future));
            RecordHeaders opened = new RecordHeaders();
            CloudEventHeaders.of(UUID.randomUUID().toString(), "io.switchboard.contracts.tickets.TicketOpened", "intake", poison,
                    java.time.Instant.now()).forEach(opened::add);
            events.send(new ProducerRecord<>(Topic.TICKETS.topicName(), null, poison, "not avro".getBytes(StandardCharsets.UTF_8), opened));
            events.publish(Topic.TICKETS, good, Events.opened(good, skill, "en", Priority.P3), "intake");

            assertEquals(group + "-a1", await(routing, good, TicketAssigned.class).getAgentId());
            dlq.awaitOne(r -> poison.equals(new String(r.key(), StandardCharsets.UTF_8)), WAIT);
            assertTrue(dlq.collect(r -> unknown.equals(new String(r.key(), StandardCharsets.UTF_8)), Duration.ofSeconds(2)).isEmpty(),
                    "an event type added later is skipped, not dead-lettered");
        }
    }
}
