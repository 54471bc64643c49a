package io.switchboard.feedback;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.feedback.FeedbackEvent;
import io.switchboard.contracts.feedback.LowSatisfactionFlagged;
import io.switchboard.contracts.feedback.QualityReviewAssigned;
import io.switchboard.contracts.feedback.SurveyChannel;
import io.switchboard.contracts.feedback.SurveyRequested;
import io.switchboard.contracts.sla.SlaClockOutcome;
import io.switchboard.eventing.DeadLetters;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service through the real stack (Kafka, registry, the MongoDB stand-in): events in on the other services'
 * topics, surveys and flags out on support.feedback.v1, answers and reports over REST. Every assertion filters by
 * the ids this test made (other tests share the topics).
 *
 * <p>Real MongoDB: by default these tests run against the stack's wire-protocol stand-in. With
 * {@code SWITCHBOARD_STACK=containers} the testkit runs the same tests against a real MongoDB 7 on Testcontainers
 * where a Docker engine answers; where none does (these machines) it logs that it falls back to the local stack,
 * so the real-MongoDB variant is skipped there, and says so.
 */
@QuarkusTest
@QuarkusTestResource(FeedbackStack.class)
class FeedbackFlowTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static Upstream upstream;

    @Inject
    EventSerde serde;
    @Inject
    MongoClient mongo;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @BeforeAll
    static void noUpstreamYet() {
        upstream = null;
    }

    @AfterAll
    static void closeUpstream() {
        if (upstream != null) {
            upstream.close();
        }
    }

    private Upstream upstream() {
        if (upstream == null) {
            upstream = new Upstream(serde);
        }
        return upstream;
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private List<FeedbackEvent> feedbackOf(TopicProbe probe, String ticketId, int count) {
        return probe.await(r -> ticketId.equals(new String(r.key(), StandardCharsets.UTF_8)), count, WAIT).stream()
                .map(r -> (FeedbackEvent) serde.deserialize(Topic.FEEDBACK, r.value())).toList();
    }

    private long surveysOf(String ticketId) {
        return mongo.getDatabase(database).getCollection("surveys").countDocuments(Filters.eq("ticketId", ticketId));
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    private static String tomorrow() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
    }

    @Test
    void aResolvedTicketIsSurveyedOnceAndALowAnswerUpdatesTheFiguresAndIsFlagged() throws Exception {
        String ticket = id("T");
        String customer = id("C");
        String group = id("G");
        String agent = id("agent");
        Instant now = Instant.now();
        try (TopicProbe feedback = TopicProbe.open(Topic.FEEDBACK.topicName())) {
            upstream().publish(Topic.TICKETS, ticket, Upstream.opened(ticket, customer, Channel.WEB_CONSOLE, "technical.storage", null, now));
            SpecificRecord resolved = Upstream.envelope(Topic.TICKETS, ticket,
                    Upstream.resolved(ticket, customer, Channel.WEB_CONSOLE, agent, group, true, 420, now));
            byte[] bytes = upstream().bytes(Topic.TICKETS, resolved);
            upstream().send(Topic.TICKETS, ticket, bytes, null);
            upstream().send(Topic.TICKETS, ticket, bytes, null); // redelivered

            SurveyRequested survey = (SurveyRequested) feedbackOf(feedback, ticket, 1).get(0).getPayload();
            assertEquals(SurveyChannel.WEB, survey.getChannel());
            assertNotNull(survey.getAnswerToken(), "a link survey carries its token");
            assertEquals(now.truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofDays(7)), survey.getExpiresAt());
            assertEquals(now.truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofDays(3)), survey.getRemindAt());
            String token = survey.getAnswerToken();

            // The survey as its link shows it; no bearer token needed, the token is the credential.
            given().get("/api/v1/feedback/surveys/" + token).then().statusCode(200)
                    .body("ticketId", equalTo(ticket)).body("status", equalTo("REQUESTED"));

            given().contentType(ContentType.JSON).body(Map.of("csat", 2, "nps", 3, "resolvedOnFirstContact", false,
                            "comment", "took three calls", "language", "en"))
                    .post("/api/v1/feedback/responses/" + token)
                    .then().statusCode(201).body("lowSatisfaction", equalTo(true)).body("ticketId", equalTo(ticket));

            List<FeedbackEvent> events = feedbackOf(feedback, ticket, 3);
            assertEquals(List.of("SurveyRequested", "FeedbackReceived", "LowSatisfactionFlagged"),
                    events.stream().map(FeedbackEvent::getEventType).toList(), "one survey although the resolution came twice");
            LowSatisfactionFlagged flag = (LowSatisfactionFlagged) events.get(2).getPayload();
            assertEquals(agent, flag.getAgentId());
            assertEquals(group, flag.getSkillGroupId());
            assertTrue(flag.getReopenRequested());
            assertEquals(1, surveysOf(ticket));

            // The agent's and the group's figures show it.
            given().auth().oauth2(Tokens.supervisor("lead-1")).queryParam("by", "group").queryParam("from", today()).queryParam("to", tomorrow())
                    .get("/api/v1/feedback/metrics").then().statusCode(200)
                    .body("groups.find { it.key == '" + group + "' }.contacts", equalTo(1))
                    .body("groups.find { it.key == '" + group + "' }.responses", equalTo(1))
                    .body("groups.find { it.key == '" + group + "' }.csat.average", equalTo(2.0f))
                    .body("groups.find { it.key == '" + group + "' }.csat.counts.'2'", equalTo(1))
                    .body("groups.find { it.key == '" + group + "' }.nps.score", equalTo(-100.0f))
                    .body("groups.find { it.key == '" + group + "' }.fcrRate", equalTo(1.0f))
                    .body("groups.find { it.key == '" + group + "' }.customerFcrRate", equalTo(0.0f))
                    .body("groups.find { it.key == '" + group + "' }.handlingAverageSeconds", equalTo(420.0f))
                    .body("groups.find { it.key == '" + group + "' }.lowSatisfaction", equalTo(1))
                    .body("groups.find { it.key == '" + group + "' }.meetsTarget.csat", equalTo(false))
                    .body("groups.find { it.key == '" + group + "' }.meetsTarget.handling", equalTo(true));
            given().auth().oauth2(Tokens.supervisor("lead-1")).queryParam("by", "agent").queryParam("from", today()).queryParam("to", tomorrow())
                    .get("/api/v1/feedback/metrics").then().statusCode(200)
                    .body("groups.find { it.key == '" + agent + "' }.lowSatisfaction", equalTo(1));

            // Answered once: the same token again is refused, and nothing changed.
            given().contentType(ContentType.JSON).body(Map.of("csat", 5)).post("/api/v1/feedback/responses/" + token)
                    .then().statusCode(409).contentType("application/problem+json").body("title", equalTo("Survey already answered"));
            Document stored = mongo.getDatabase(database).getCollection("surveys").find(Filters.eq("ticketId", ticket)).first();
            assertEquals(2, stored.get("response", Document.class).getInteger("csat"));
        }
    }

    @Test
    void badAnswersGetAClear4xxAndWriteNothing() throws Exception {
        String fresh = id("T");
        String old = id("T");
        String customer = id("C");
        Instant now = Instant.now();
        try (TopicProbe feedback = TopicProbe.open(Topic.FEEDBACK.topicName())) {
            upstream().publish(Topic.TICKETS, fresh, Upstream.resolved(fresh, customer, Channel.API, "agent-x", "g-x", true, 60, now));
            // resolved eight days ago: its survey expired yesterday
            upstream().publish(Topic.TICKETS, old, Upstream.resolved(old, customer, Channel.API, "agent-x", "g-x", true, 60,
                    now.minus(Duration.ofDays(8))));
            String token = ((SurveyRequested) feedbackOf(feedback, fresh, 1).get(0).getPayload()).getAnswerToken();
            String expired = ((SurveyRequested) feedbackOf(feedback, old, 1).get(0).getPayload()).getAnswerToken();
            String path = "/api/v1/feedback/responses/";

            given().contentType(ContentType.JSON).body(Map.of("csat", 6)).post(path + token).then().statusCode(400)
                    .contentType("application/problem+json").body(containsString("csat"));
            given().contentType(ContentType.JSON).body(Map.of("nps", 11)).post(path + token).then().statusCode(400).body(containsString("nps"));
            given().contentType(ContentType.JSON).body(Map.of("csat", 4, "language", "english")).post(path + token).then().statusCode(400)
                    .body(containsString("language"));
            given().contentType(ContentType.JSON).body(Map.of()).post(path + token).then().statusCode(400);
            given().contentType(ContentType.JSON).body("{\"csat\": \"five\"}").post(path + token).then().statusCode(400);
            given().contentType(ContentType.JSON).body("{\"csat\": 5").post(path + token).then().statusCode(400);
            given().contentType(ContentType.JSON).body(Map.of("csat", 5, "comment", "x".repeat(2001))).post(path + token).then().statusCode(400)
                    .body(containsString("comment"));
            given().contentType(ContentType.JSON).body(Map.of("csat", 5, "comment", "x".repeat(300_000))).post(path + token).then().statusCode(413);
            given().contentType(ContentType.JSON).body(Map.of("csat", 5, "language", "en\u0000")).post(path + token).then().statusCode(400);
            given().contentType(ContentType.JSON).body(Map.of("csat", 5)).post(path + "A".repeat(43)).then().statusCode(404)
                    .contentType("application/problem+json");
            given().contentType(ContentType.JSON).body(Map.of("csat", 5)).post(path + "not-a-token").then().statusCode(400)
                    .body(containsString("token"));
            given().contentType(ContentType.JSON).body(Map.of("csat", 5)).post(path + expired).then().statusCode(410)
                    .contentType("application/problem+json").body("title", equalTo("Survey expired"));
            Document survey = mongo.getDatabase(database).getCollection("surveys").find(Filters.eq("ticketId", fresh)).first();
            assertEquals("REQUESTED", survey.getString("status"), "nothing half-written by the refused answers");

            // Two answers at once: exactly one is taken.
            List<Integer> codes = java.util.stream.IntStream.range(0, 4).parallel()
                    .mapToObj(i -> given().contentType(ContentType.JSON).body(Map.of("csat", 4)).post(path + token).then().extract().statusCode())
                    .toList();
            assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes.toString());
            assertEquals(3, codes.stream().filter(c -> c == 409).count(), codes.toString());
        }
    }

    @Test
    void aPhoneSurveyIsAnsweredByTheTelephonySystemWithTheCallId() throws Exception {
        String ticket = id("T");
        String call = id("CALL");
        Instant now = Instant.now();
        try (TopicProbe feedback = TopicProbe.open(Topic.FEEDBACK.topicName())) {
            upstream().publish(Topic.TICKETS, ticket, Upstream.opened(ticket, "C-phone", Channel.PHONE, "technical.network", call, now));
            upstream().publish(Topic.TICKETS, ticket, Upstream.resolved(ticket, "C-phone", Channel.PHONE, "agent-p", "g-p", true, 200, now));
            SurveyRequested survey = (SurveyRequested) feedbackOf(feedback, ticket, 1).get(0).getPayload();
            assertEquals(SurveyChannel.IVR, survey.getChannel());
            assertEquals(call, survey.getCallId());
            assertEquals(null, survey.getAnswerToken(), "an IVR survey's token is not handed out");

            Map<String, Object> answer = Map.of("callId", call, "csat", 5, "nps", 10);
            given().contentType(ContentType.JSON).body(answer).post("/api/v1/feedback/phone-responses").then().statusCode(401);
            given().auth().oauth2(Tokens.customer("C-phone", "C-phone")).contentType(ContentType.JSON).body(answer)
                    .post("/api/v1/feedback/phone-responses").then().statusCode(403);
            given().auth().oauth2(Tokens.system("telephony")).contentType(ContentType.JSON).body(Map.of("callId", id("CALL"), "csat", 5))
                    .post("/api/v1/feedback/phone-responses").then().statusCode(404);
            given().auth().oauth2(Tokens.system("telephony")).contentType(ContentType.JSON).body(answer)
                    .post("/api/v1/feedback/phone-responses").then().statusCode(201).body("lowSatisfaction", equalTo(false));
            assertEquals(List.of("SurveyRequested", "FeedbackReceived"), feedbackOf(feedback, ticket, 2).stream().map(FeedbackEvent::getEventType).toList());
        }
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndAnUnknownEventTypeIsSkipped() throws Exception {
        String ticket = id("T");
        try (TopicProbe dead = TopicProbe.open(Topic.TICKETS.deadLetterTopicName());
             TopicProbe feedback = TopicProbe.open(Topic.FEEDBACK.topicName())) {
            upstream().send(Topic.TICKETS, ticket, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8), null);
            upstream().send(Topic.TICKETS, ticket, "from a newer producer".getBytes(StandardCharsets.UTF_8),
                    "io.switchboard.contracts.tickets.TicketTeleported");
            upstream().publish(Topic.TICKETS, ticket, Upstream.resolved(ticket, "C-1", Channel.API, "agent-d", "g-d", false, 30, Instant.now()));

            feedbackOf(feedback, ticket, 1); // the good record after them was applied
            List<ConsumerRecord<byte[], byte[]>> poisoned = dead.await(r -> ticket.equals(new String(r.key(), StandardCharsets.UTF_8))
                    && "feedback.tickets".equals(TopicProbe.header(r, DeadLetters.CONSUMER_GROUP)), 1, WAIT);
            assertTrue(TopicProbe.header(poisoned.get(0), DeadLetters.REASON).startsWith("cannot deserialize"));
            List<ConsumerRecord<byte[], byte[]>> more = dead.collect(r -> ticket.equals(new String(r.key(), StandardCharsets.UTF_8))
                    && "feedback.tickets".equals(TopicProbe.header(r, DeadLetters.CONSUMER_GROUP)), Duration.ofSeconds(3));
            assertEquals(1, more.size(), "the unknown type was skipped, not dead-lettered");
        }
    }

    @Test
    void slaAttainmentHeatMapAndTheMonthlyCustomerReport() throws Exception {
        String customer = id("C");
        String group = id("G");
        String ticket = id("T");
        Instant now = Instant.now();
        String month = java.time.YearMonth.now(ZoneOffset.UTC).toString();
        String category = "technical." + UUID.randomUUID().toString().substring(0, 8);
        String incident = id("MI");
        String credit = id("CR");
        upstream().publish(Topic.TICKETS, ticket, Upstream.opened(ticket, customer, Channel.WEB_CONSOLE, category, null,
                Instant.parse(LocalDate.now(ZoneOffset.UTC) + "T23:30:00Z").minus(Duration.ofDays(1))));
        upstream().publish(Topic.SLA, ticket, Upstream.clockStopped(ticket, customer, group, SlaClockOutcome.MET, now));
        upstream().publish(Topic.SLA, ticket, Upstream.clockStopped(ticket, customer, group, SlaClockOutcome.MET, now.plusMillis(1)));
        upstream().publish(Topic.SLA, ticket, Upstream.clockStopped(ticket, customer, group, SlaClockOutcome.MISSED, now.plusMillis(2)));
        upstream().publish(Topic.SLA, ticket, Upstream.clockStopped(ticket, customer, group, SlaClockOutcome.CANCELLED, now.plusMillis(3)));
        upstream().publish(Topic.SLA, ticket, Upstream.majorIncident(ticket, incident, now));
        upstream().publish(Topic.COMPENSATION, customer, Upstream.credit(credit, customer, "125.50", java.time.YearMonth.now(ZoneOffset.UTC).atDay(1), now));
        upstream().publish(Topic.COMPENSATION, customer, Upstream.credit(id("CR"), customer, "0.25", java.time.YearMonth.now(ZoneOffset.UTC).atDay(1), now));

        String supervisor = Tokens.supervisor("lead-1");
        String from = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(supervisor).queryParam("by", "group").queryParam("from", from)
                .queryParam("to", tomorrow()).get("/api/v1/feedback/sla-attainment").then().statusCode(200)
                .body("groups.find { it.key == '" + group + "' }.met", equalTo(2))
                .body("groups.find { it.key == '" + group + "' }.missed", equalTo(1))
                .body("groups.find { it.key == '" + group + "' }.cancelled", equalTo(1))
                .body("groups.find { it.key == '" + group + "' }.rate", equalTo((float) (2.0 / 3))));

        // Opened at 23:30 UTC yesterday: 07:30 today in Shanghai, 23:30 yesterday in UTC.
        int todayShanghai = LocalDate.now(ZoneOffset.UTC).getDayOfWeek().getValue() - 1;
        int yesterdayUtc = LocalDate.now(ZoneOffset.UTC).minusDays(1).getDayOfWeek().getValue() - 1;
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(supervisor).queryParam("from", LocalDate.now(ZoneOffset.UTC).minusDays(2).toString()).queryParam("to", tomorrow())
                .queryParam("zone", "Asia/Shanghai").get("/api/v1/feedback/heatmap").then().statusCode(200)
                .body("zone", equalTo("Asia/Shanghai"))
                .body("categories.'" + category + "'[" + todayShanghai + "][7]", equalTo(1)));
        given().auth().oauth2(supervisor).queryParam("from", LocalDate.now(ZoneOffset.UTC).minusDays(2).toString()).queryParam("to", tomorrow())
                .get("/api/v1/feedback/heatmap").then().statusCode(200)
                .body("categories.'" + category + "'[" + yesterdayUtc + "][23]", equalTo(1));
        given().auth().oauth2(supervisor).queryParam("from", today()).queryParam("to", tomorrow()).queryParam("zone", "Mars/Olympus")
                .get("/api/v1/feedback/heatmap").then().statusCode(400).body(containsString("zone"));

        String path = "/api/v1/feedback/reports/customers/" + customer + "/" + month;
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(supervisor).get(path).then().statusCode(200)
                .body("credits.totalByCurrency.CNY", equalTo("125.75"))
                .body("majorIncidents.majorIncidentId", hasItem(incident))
                .body("sla.met", equalTo(2)));
        given().auth().oauth2(Tokens.customer(customer, customer)).get(path).then().statusCode(200);
        given().auth().oauth2(Tokens.customer("someone-else", "someone-else")).get(path).then().statusCode(403);
        given().auth().oauth2(Tokens.agent("agent-1")).get(path).then().statusCode(403);
        given().auth().oauth2(supervisor).get("/api/v1/feedback/reports/customers/" + customer + "/2026-13").then().statusCode(400);
        given().auth().oauth2(supervisor).accept("text/html").get(path + "/printable").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Monthly service report"))
                .body(containsString("storage &lt;outage&gt;"))
                .body(not(containsString("<outage>")));
    }

    @Test
    void aFinishedPeriodIsDrawnForQualityAndAReviewIsRecordedOnce() throws Exception {
        String agent = id("agent");
        String ticket = id("T");
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        String period = LocalDate.ofInstant(yesterday, ZoneOffset.UTC).toString();
        try (TopicProbe feedback = TopicProbe.open(Topic.FEEDBACK.topicName())) {
            upstream().publish(Topic.TICKETS, ticket, Upstream.resolved(ticket, "C-q", Channel.MONITORING, agent, "g-q", true, 100, yesterday));
            await().atMost(WAIT).until(() -> surveysOf(ticket) == 1); // monitoring tickets are not surveyed, but they are contacts

            String supervisor = Tokens.supervisor("lead-q");
            given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("period", today()))
                    .post("/api/v1/feedback/quality/draws").then().statusCode(422);
            given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("period", "yesterday"))
                    .post("/api/v1/feedback/quality/draws").then().statusCode(400).body(containsString("period"));
            given().auth().oauth2(Tokens.agent(agent)).contentType(ContentType.JSON).body(Map.of("period", period))
                    .post("/api/v1/feedback/quality/draws").then().statusCode(403);
            given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("period", period))
                    .post("/api/v1/feedback/quality/draws").then().statusCode(200).body("period", equalTo(period));

            QualityReviewAssigned assigned = (QualityReviewAssigned) feedbackOf(feedback, ticket, 1).get(0).getPayload();
            assertEquals(agent, assigned.getAgentId(), "every agent of the period is sampled");
            assertEquals(period, assigned.getPeriod());
            String reviewId = assigned.getReviewId();
            // Drawing again assigns nothing new to it.
            given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("period", period))
                    .post("/api/v1/feedback/quality/draws").then().statusCode(200);
            assertEquals(1, feedback.collect(r -> ticket.equals(new String(r.key(), StandardCharsets.UTF_8)), Duration.ofSeconds(3)).size());

            given().auth().oauth2(supervisor).queryParam("period", period).get("/api/v1/feedback/reviews").then().statusCode(200)
                    .body("reviewId", hasItem(reviewId));
            given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("score", 101)).post("/api/v1/feedback/reviews/" + reviewId)
                    .then().statusCode(400).body(containsString("score"));
            given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("score", 90, "findings", "greeting missing"))
                    .post("/api/v1/feedback/reviews/" + reviewId).then().statusCode(200)
                    .body("status", equalTo("DONE")).body("reviewerId", equalTo("lead-q"));
            given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("score", 10))
                    .post("/api/v1/feedback/reviews/" + reviewId).then().statusCode(409);
            given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("score", 10))
                    .post("/api/v1/feedback/reviews/QR-nothing").then().statusCode(404);
        }
    }

    @Test
    void prometheusGaugesShowTheDeskAndEachGroup() throws Exception {
        String ticket = id("T");
        String group = id("G");
        upstream().publish(Topic.TICKETS, ticket, Upstream.resolved(ticket, "C-g", Channel.API, "agent-g", group, true, 30, Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("switchboard_feedback_csat_average"))
                .body(containsString("switchboard_feedback_nps"))
                .body(containsString("switchboard_feedback_fcr_rate"))
                .body(containsString("switchboard_feedback_group_fcr_rate{group=\"" + group + "\"} 1.0")));
    }
}
