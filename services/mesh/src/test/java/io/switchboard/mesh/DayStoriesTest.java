package io.switchboard.mesh;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Severity;
import io.switchboard.contracts.outages.OutageEnded;
import io.switchboard.contracts.outages.OutageReported;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seeds' daytime stories, through all five services as separate processes, at 09:15 desk time (Beijing) on a
 * working day: a known enterprise number's database call, the Japanese line, an unacknowledged enterprise P1, a
 * data-centre power outage, and a survey answered with CSAT 1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DayStoriesTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    /** PagerDuty routing key of the data-centre power monitoring in this test's intake. */
    static final String POWER_MONITORING = "mesh-datacentre-power";

    Mesh mesh;
    final String dcOperations = "dc-ops-" + unique();

    @BeforeAll
    void startTheMesh() {
        Map<String, String> intake = Map.of(
                "switchboard.intake.monitoring.integrations." + POWER_MONITORING + ".source", "mesh-power-monitoring",
                "switchboard.intake.monitoring.integrations." + POWER_MONITORING + ".customer", dcOperations,
                "switchboard.intake.monitoring.integrations." + POWER_MONITORING + ".category", "infrastructure.datacenter");
        mesh = Mesh.start("day", LocalTime.of(9, 15), List.of(
                Mesh.Process.of("intake", intake),
                Mesh.Process.of("routing", Map.of()),
                Mesh.Process.of("escalation", MeshPolicies.escalation()),
                Mesh.Process.of("compensation", Map.of()),
                Mesh.Process.of("feedback", Map.of())));
    }

    @AfterAll
    void stopTheMesh() {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void anEnterpriseNumberCallsAboutDatabasesAndReachesACertifiedDatabaseExpert() {
        String customer = "ent-" + unique();
        String number = "+86" + (10_000_000_000L + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999_999L));
        putCustomer(customer, "ENTERPRISE", "en", List.of(number));
        try (TopicProbe routing = TopicProbe.open(Topic.ROUTING.topicName()); TopicProbe sla = TopicProbe.open(Topic.SLA.topicName())) {
            String callId = "call-" + unique();
            Instant before = mesh.deskNow();
            JsonPath ticket = call(Map.of("callId", callId, "callerNumber", number, "ivrPath", "2-5",
                    "receivedAt", mesh.deskNow().toString())).statusCode(201).extract().jsonPath();
            String id = ticket.getString("id");
            assertEquals(customer, ticket.getString("customerId"), "recognised by its number");
            assertEquals("ENTERPRISE", ticket.getString("customerTier"));
            assertTrue(ticket.getString("reasons.tier").contains("ENTERPRISE"), ticket.getString("reasons.tier"));
            assertEquals("technical.databases", ticket.getString("category"));
            assertEquals("databases", ticket.getString("skill"));
            assertDeskTime(ticket.getString("openedAt"), before, mesh.deskNow());

            ConsumerRecord<byte[], byte[]> assignedRecord = routing.awaitOne(is(id, "TicketAssigned", mesh, "routing"), WAIT);
            SpecificRecord assigned = payload(Topic.ROUTING, assignedRecord);
            JsonPath where = routed(id);
            assertEquals("ASSIGNED", where.getString("ticket.status"));
            assertEquals(field(assigned, "agentId"), where.getString("ticket.agentId"));
            String group = where.getString("ticket.groupId");
            JsonPath groupView = as(Tokens.supervisor("sup-1"), "routing").get("/api/v1/routing/groups/" + group)
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("databases", groupView.getString("skill"), "a database group: " + group);
            String certification = groupView.getString("certification");
            String requirement = where.getString("history[-1].requirement");
            assertTrue(requirement.startsWith(certification), "the group has the certification required: " + requirement);
            JsonPath agent = as(Tokens.supervisor("sup-1"), "routing").get("/api/v1/routing/agents/" + field(assigned, "agentId"))
                    .then().statusCode(200).extract().jsonPath();
            assertTrue(agent.getList("agent.certifications", String.class).contains(certification),
                    "the agent holds " + certification + ": " + agent.prettify());

            sla.awaitOne(is(id, "SlaClockStarted", mesh, "escalation"), WAIT);
            JsonPath clocks = slaView(id);
            assertEquals(MeshPolicies.FIRST_RESPONSE_SECONDS, clocks.getLong("clocks.find { it.metric == 'FIRST_RESPONSE' }.targetSeconds"),
                    "15 minutes, scaled: " + clocks.prettify());
        }
    }

    @Test
    void aCallerOnTheJapaneseLinePressesTwoThenOneAndReachesAJapaneseSpeakingServersAgent() {
        try (TopicProbe routing = TopicProbe.open(Topic.ROUTING.topicName())) {
            String number = "+81" + (100_000_000L + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 899_999_999L));
            JsonPath ticket = call(Map.of("callId", "call-" + unique(), "callerNumber", number, "languageKey", "5",
                    "ivrPath", "21", "receivedAt", mesh.deskNow().toString())).statusCode(201).extract().jsonPath();
            String id = ticket.getString("id");
            assertEquals("ja", ticket.getString("language"));
            assertEquals("technical.ecs", ticket.getString("category"));
            assertEquals("servers", ticket.getString("skill"));

            SpecificRecord assigned = payload(Topic.ROUTING, routing.awaitOne(is(id, "TicketAssigned", mesh, "routing"), WAIT));
            JsonPath group = as(Tokens.supervisor("sup-1"), "routing").get("/api/v1/routing/groups/" + field(assigned, "skillGroupId"))
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("servers", group.getString("skill"));
            assertTrue(group.getList("languages", String.class).contains("ja"), group.prettify());
            JsonPath agent = as(Tokens.supervisor("sup-1"), "routing").get("/api/v1/routing/agents/" + field(assigned, "agentId"))
                    .then().statusCode(200).extract().jsonPath();
            assertTrue(agent.getList("agent.languages", String.class).contains("ja"), agent.prettify());
        }
    }

    @Test
    void anUnacknowledgedEnterpriseP1WarnsThenBreachesOnceEscalatesAndEarnsTheCredit() {
        String customer = "ent-" + unique();
        putCustomer(customer, "ENTERPRISE", "en", List.of());
        String subscription = "sub-" + unique();
        putSubscription(subscription, customer, "ecs", "cn-beijing", "10000.00", "99.95");
        try (TopicProbe sla = TopicProbe.open(Topic.SLA.topicName());
             TopicProbe credits = TopicProbe.open(Topic.COMPENSATION.topicName())) {
            // Not technical: the L1 desk takes it, so that the breach moves it L1 -> L2.
            String id = openTicket(customer, Map.of("summary", "Our account is locked during a launch", "category", "business.repair",
                    "product", "ecs", "impact", "EXTENSIVE", "urgency", "CRITICAL")).getString("id");

            List<ConsumerRecord<byte[], byte[]>> warnings = sla.await(is(id, "SlaWarning", mesh, "escalation"), 2, WAIT);
            ConsumerRecord<byte[], byte[]> breach = sla.awaitOne(is(id, "SlaBreached", mesh, "escalation"), WAIT);
            SpecificRecord breached = payload(Topic.SLA, breach);
            assertEquals("FIRST_RESPONSE", field(breached, "target"));
            assertEquals(Long.toString(MeshPolicies.FIRST_RESPONSE_SECONDS), field(breached, "targetSeconds"));
            assertEquals("ENTERPRISE", field(breached, "customerTier"));
            assertEquals("P1", field(breached, "priority"));
            for (ConsumerRecord<byte[], byte[]> warning : warnings) {
                SpecificRecord w = payload(Topic.SLA, warning);
                if ("FIRST_RESPONSE".equals(field(w, "target"))) {
                    assertTrue(warning.offset() < breach.offset() || warning.partition() != breach.partition(), "warned before the breach");
                }
            }
            assertEquals(List.of("75", "90"), warnings.stream().map(r -> payload(Topic.SLA, r))
                    .filter(w -> "FIRST_RESPONSE".equals(field(w, "target"))).map(w -> field(w, "thresholdPercent")).toList());
            Instant due = Events.instant(breached, "dueAt");
            Instant opened = Instant.parse(ticket(id).getString("openedAt"));
            assertEquals(opened.plusSeconds(MeshPolicies.FIRST_RESPONSE_SECONDS).truncatedTo(ChronoUnit.SECONDS),
                    due.truncatedTo(ChronoUnit.SECONDS), "due at the (scaled) 15 minutes after the opening");

            SpecificRecord escalated = payload(Topic.SLA, sla.awaitOne(is(id, "TicketEscalated", mesh, "escalation"), WAIT));
            assertEquals("L1", field(escalated, "fromLevel"));
            assertEquals("L2", field(escalated, "toLevel"));
            assertEquals("SLA_BREACH", field(escalated, "reason"));

            ConsumerRecord<byte[], byte[]> creditRecord = credits.awaitOne(r -> customer.equals(Events.key(r))
                    && "CreditIssued".equals(Events.type(r)) && Events.from(mesh, "compensation").test(r), WAIT);
            SpecificRecord credit = payload(Topic.COMPENSATION, creditRecord);
            assertEquals("SUPPORT_SLA_BREACH", field(credit, "basis"));
            assertEquals(subscription, field(credit, "subscriptionId"));
            assertEquals(id, field(credit, "ticketId"));
            assertTrue(field(credit, "amount").contains("500.00"), "5% of 10,000.00 CNY: " + field(credit, "amount"));

            // Exactly once: nothing more about this breach arrives, though the timer and the consumers ran on.
            assertEquals(1, sla.collect(is(id, "SlaBreached", mesh, "escalation").and(r -> "FIRST_RESPONSE".equals(field(payload(Topic.SLA, r), "target"))),
                    Duration.ofSeconds(5)).size(), "one first-response breach");
            assertEquals(1, credits.collect(r -> customer.equals(Events.key(r)) && "CreditIssued".equals(Events.type(r)) && Events.from(mesh, "compensation").test(r),
                    Duration.ofSeconds(2)).size(), "one credit");
            JsonPath clocks = slaView(id);
            assertEquals("L2", clocks.getString("supportLevel"));
            assertEquals(true, clocks.getBoolean("clocks.find { it.metric == 'FIRST_RESPONSE' }.breachSent"));
            JsonPath statement = as(Tokens.agent("agent-1"), "compensation")
                    .get("/api/v1/compensation/customers/" + customer + "/statements/" + YearMonth.from(mesh.deskNow().atZone(ZoneOffset.UTC)))
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("500.00", statement.getString("totalCredited.CNY"), statement.prettify());
        }
    }

    @Test
    void aDataCentrePowerOutageIsAnEmergencyAMajorIncidentWithRemindersAndCreditsOnStatements() {
        String region = "mesh-" + unique();
        String hit = "cust-" + unique();
        String alsoHit = "cust-" + unique();
        String elsewhere = "cust-" + unique();
        putSubscription("sub-" + unique(), hit, "ecs", region, "10000.00", "99.95");
        putSubscription("sub-" + unique(), alsoHit, "ecs", region, "5000.00", "99.9");
        putSubscription("sub-" + unique(), elsewhere, "ecs", "cn-shanghai", "10000.00", "99.95");
        String outage = "outage-" + unique();
        // An hour of power loss that ended a minute ago (desk time), inside one UTC day and month.
        Instant ended = mesh.deskNow().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant started = ended.minus(Duration.ofMinutes(60));
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName());
             TopicProbe routing = TopicProbe.open(Topic.ROUTING.topicName());
             TopicProbe sla = TopicProbe.open(Topic.SLA.topicName());
             TopicProbe credits = TopicProbe.open(Topic.COMPENSATION.topicName())) {
            Events.publish(Topic.OUTAGES_INBOUND, outage, OutageReported.newBuilder().setOutageId(outage).setProduct("ecs")
                    .setRegion(region).setZone(null).setSeverity(Severity.CRITICAL).setEmergencyLevel(null)
                    .setAffectedCustomerIds(List.of()).setSummary("Data-centre power outage in " + region).setStartedAt(started)
                    .build(), "mesh-power-monitoring", started);
            given().baseUri(mesh.url("intake")).contentType(ContentType.JSON).body(Map.of("routing_key", POWER_MONITORING,
                            "event_action", "trigger", "dedup_key", outage, "payload", Map.of("summary", "Data-centre power outage in " + region,
                                    "source", "pdu-monitor", "severity", "critical", "component", "ecs", "timestamp", started.toString())))
                    .post("/api/v1/events/pagerduty").then().statusCode(202).extract().path("dedup_key");

            AtomicReference<String> ticketId = new AtomicReference<>();
            tickets.awaitOne(r -> "TicketOpened".equals(Events.type(r)) && Events.from(mesh, "intake").test(r) && outage.equals(field(payload(Topic.TICKETS, r), "dedupKey"))
                    && ticketId.compareAndSet(null, Events.key(r)), WAIT);
            String id = ticketId.get();
            JsonPath ticket = ticket(id);
            assertEquals(true, ticket.getBoolean("emergency"));
            assertEquals("LEVEL_1", ticket.getString("emergencyLevel"));
            assertEquals("L3", ticket.getString("supportLevel"));
            assertEquals("P1", ticket.getString("priority"));

            SpecificRecord assigned = payload(Topic.ROUTING, routing.awaitOne(is(id, "TicketAssigned", mesh, "routing"), WAIT));
            assertEquals("L3", field(assigned, "supportLevel"));
            JsonPath group = as(Tokens.supervisor("sup-1"), "routing").get("/api/v1/routing/groups/" + field(assigned, "skillGroupId"))
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(true, group.getBoolean("emergency"), "the emergency group: " + group.prettify());

            SpecificRecord declared = payload(Topic.SLA, sla.awaitOne(is(id, "MajorIncidentDeclared", mesh, "escalation"), WAIT));
            assertEquals("LEVEL_1", field(declared, "emergencyLevel"));
            assertEquals("disaster-recovery", field(declared, "responseTeam"));
            String incident = field(declared, "majorIncidentId");
            assertEquals("MI-" + id, incident);

            Events.publish(Topic.OUTAGES_INBOUND, outage, OutageEnded.newBuilder().setOutageId(outage).setProduct("ecs").setRegion(region)
                    .setZone(null).setAffectedCustomerIds(List.of()).setStartedAt(started).setEndedAt(ended).build(),
                    "mesh-power-monitoring", ended);
            credits.awaitOne(r -> hit.equals(Events.key(r)) && "CreditIssued".equals(Events.type(r)) && Events.from(mesh, "compensation").test(r), WAIT);
            credits.awaitOne(r -> alsoHit.equals(Events.key(r)) && "CreditIssued".equals(Events.type(r)) && Events.from(mesh, "compensation").test(r), WAIT);
            YearMonth month = YearMonth.from(started.atZone(ZoneOffset.UTC));
            assertEquals(perMinute(60, month, "10000.00", "1.25"), statementTotal(hit, month));
            assertEquals(perMinute(60, month, "5000.00", "1.00"), statementTotal(alsoHit, month));
            assertEquals("0", statementTotal(elsewhere, month), "another region's subscription is not affected");

            // Hourly (scaled) progress reminders while the incident's ticket is unresolved.
            List<ConsumerRecord<byte[], byte[]>> reminders = sla.await(is(id, "ProgressUpdateDue", mesh, "escalation"), 2,
                    Duration.ofSeconds(2L * MeshPolicies.PROGRESS_INTERVAL_SECONDS).plus(WAIT));
            List<String> sequences = reminders.stream().map(r -> field(payload(Topic.SLA, r), "sequence")).toList();
            assertEquals(List.of("1", "2"), sequences.subList(0, 2));
            JsonPath view = as(Tokens.supervisor("sup-1"), "escalation").get("/api/v1/sla/major-incidents/" + incident)
                    .then().statusCode(200).extract().jsonPath();
            assertTrue(view.prettify().contains(id), view.prettify());
        }
    }

    @Test
    void aResolvedTicketIsSurveyedAnsweredWithCsatOneFlaggedAndReopenedAtIntake() {
        String customer = "cust-" + unique();
        putCustomer(customer, "STANDARD", "en", List.of());
        try (TopicProbe feedback = TopicProbe.open(Topic.FEEDBACK.topicName()); TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            String id = openTicket(customer, Map.of("summary", "Cannot attach a disk", "category", "technical.storage",
                    "impact", "MINOR", "urgency", "LOW")).getString("id");
            as(Tokens.agent("agent-mesh"), "intake").contentType(ContentType.JSON)
                    .body(Map.of("resolutionCode", "FIXED", "firstContactResolution", true, "summary", "reattached"))
                    .post("/api/v1/tickets/" + id + "/resolve").then().statusCode(200);

            SpecificRecord survey = payload(Topic.FEEDBACK, feedback.awaitOne(is(id, "SurveyRequested", mesh, "feedback"), WAIT));
            String token = field(survey, "answerToken");
            assertNotNull(token, "a survey by link: " + survey);
            given().baseUri(mesh.url("feedback")).contentType(ContentType.JSON)
                    .body(Map.of("csat", 1, "comment", "The disk is still not attached")).post("/api/v1/feedback/responses/" + token)
                    .then().statusCode(201).body("lowSatisfaction", org.hamcrest.Matchers.is(true));

            SpecificRecord flagged = payload(Topic.FEEDBACK, feedback.awaitOne(is(id, "LowSatisfactionFlagged", mesh, "feedback"), WAIT));
            assertEquals("1", field(flagged, "csat"));
            assertEquals("true", field(flagged, "reopenRequested"));
            SpecificRecord reopened = payload(Topic.TICKETS, tickets.awaitOne(is(id, "TicketReopened", mesh, "intake"), WAIT));
            assertEquals("LOW_SATISFACTION", field(reopened, "reason"));
            assertEquals("REOPENED", ticket(id).getString("status"));
        }
    }

    // --- calls to the services, as their clients make them

    private RequestSpecification as(String token, String process) {
        return given().baseUri(mesh.url(process)).auth().oauth2(token);
    }

    private void putCustomer(String id, String tier, String language, List<String> numbers) {
        as(Tokens.operator("op-1"), "intake").contentType(ContentType.JSON)
                .body(Map.of("tier", tier, "language", language, "name", "Mesh " + id, "region", "cn-beijing",
                        "timeZone", "Asia/Shanghai", "callerNumbers", numbers))
                .put("/api/v1/customers/" + id).then().statusCode(201);
    }

    private void putSubscription(String id, String customer, String product, String region, String fee, String commitment) {
        as(Tokens.system("billing"), "compensation").contentType(ContentType.JSON)
                .body(Map.of("customerId", customer, "product", product, "region", region, "monthlyFee", fee, "currency", "CNY",
                        "commitment", commitment, "billingTimeZone", "UTC", "resourceIds", List.of()))
                .put("/api/v1/compensation/subscriptions/" + id).then().statusCode(201);
    }

    private io.restassured.response.ValidatableResponse call(Map<String, Object> body) {
        return as(Tokens.system("telephony"), "intake").contentType(ContentType.JSON).body(body).post("/api/v1/calls").then();
    }

    private JsonPath openTicket(String customer, Map<String, String> fields) {
        Map<String, String> body = new java.util.HashMap<>(fields);
        body.put("customerId", customer);
        return as(Tokens.customer(customer, "user-" + customer), "intake").contentType(ContentType.JSON).body(body)
                .post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
    }

    private JsonPath ticket(String id) {
        return as(Tokens.agent("agent-mesh"), "intake").get("/api/v1/tickets/" + id).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath routed(String id) {
        return as(Tokens.supervisor("sup-1"), "routing").get("/api/v1/routing/tickets/" + id).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath slaView(String id) {
        AtomicReference<JsonPath> view = new AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            var response = as(Tokens.agent("agent-mesh"), "escalation").get("/api/v1/sla/tickets/" + id);
            if (response.statusCode() == 200) {
                view.set(response.jsonPath());
                return true;
            }
            return false;
        });
        return view.get();
    }

    private String statementTotal(String customer, YearMonth month) {
        return as(Tokens.agent("agent-1"), "compensation").get("/api/v1/compensation/customers/" + customer + "/statements/" + month)
                .then().statusCode(200).extract().jsonPath().getString("totalCredited.CNY");
    }

    /** The per-minute credit of compensation's policy: minutes / minutes of the month x fee x coefficient, half-even. */
    static String perMinute(int minutes, YearMonth month, String fee, String coefficient) {
        BigDecimal monthMinutes = BigDecimal.valueOf(month.lengthOfMonth() * 24L * 60L);
        return BigDecimal.valueOf(minutes).multiply(new BigDecimal(fee)).multiply(new BigDecimal(coefficient))
                .divide(monthMinutes, 2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Opened on the desk's clock (the mesh started at 09:15 there), within office hours. */
    private void assertDeskTime(String instant, Instant before, Instant after) {
        Instant opened = Instant.parse(instant);
        assertTrue(!opened.isBefore(before.minusSeconds(1)) && !opened.isAfter(after.plusSeconds(1)),
                "opened at desk time " + opened + ", between " + before + " and " + after);
        LocalTime local = opened.atZone(Mesh.DESK_ZONE).toLocalTime();
        assertTrue(!local.isBefore(LocalTime.of(9, 15)) && local.isBefore(LocalTime.of(20, 0)), "within office hours: " + local);
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
