package io.switchboard.compensation.flow;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.compensation.CreditBasis;
import io.switchboard.contracts.compensation.CreditIssued;
import io.switchboard.contracts.sla.CompensationReviewDue;
import io.switchboard.contracts.sla.SlaBreached;
import io.switchboard.contracts.sla.SlaTarget;
import io.switchboard.contracts.sla.SlaWarning;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.switchboard.compensation.flow.Fixtures.payload;
import static io.switchboard.compensation.flow.Fixtures.send;
import static io.switchboard.compensation.flow.Fixtures.subscription;
import static io.switchboard.compensation.flow.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Support-SLA breaches from support.sla.v1 earn what the subscription's policy grants, once. */
@QuarkusTest
class SlaFlowTest {

    /** The SLA topic is shared with other services' tests: the group may first catch up on their latest events. */
    static final Duration WAIT = Duration.ofSeconds(150);

    @Inject
    EventSerde serde;
    @Inject
    AgroalDataSource db;

    static SlaBreached breach(String ticket, String customer, CustomerTier tier, String product) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return SlaBreached.newBuilder().setTicketId(ticket).setCustomerId(customer).setPolicyId("sla-default").setPolicyVersion(3)
                .setTarget(SlaTarget.FIRST_RESPONSE).setPriority(Priority.P1).setCustomerTier(tier).setCategory("technical.ecs")
                .setProduct(product).setRegion("cn-beijing").setTargetSeconds(900).setActualSeconds(1500)
                .setDueAt(now.minusSeconds(600)).setBreachedAt(now).build();
    }

    @Test
    void anEnterpriseP1FirstResponseBreachEarnsFivePercentOnceAndOthersEarnNothingWithTheReason() throws Exception {
        String product = unique("p");
        String customer = unique("cust");
        String sub = unique("sub");
        subscription(sub, customer, product, "cn-beijing", "10000.00", "99.95", null);
        String ticket = unique("t");
        String standard = unique("t");
        String stranger = unique("t");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SlaWarning warning = SlaWarning.newBuilder().setTicketId(ticket).setCustomerId(customer).setPolicyId("sla-default")
                .setPolicyVersion(3).setTarget(SlaTarget.FIRST_RESPONSE).setPriority(Priority.P1)
                .setCustomerTier(CustomerTier.ENTERPRISE).setDueAt(now).setThresholdPercent(80).setWarnedAt(now).build();
        CompensationReviewDue review = CompensationReviewDue.newBuilder().setTicketId(ticket).setMajorIncidentId(unique("mi"))
                .setCustomerIds(List.of(customer)).setTicketIds(List.of(ticket)).setProduct(product).setRegion("cn-beijing")
                .setImpactStartedAt(now.minus(Duration.ofHours(5))).setImpactMinutes(300).setDueAt(now.plus(Duration.ofHours(1))).build();
        try (TopicProbe credits = TopicProbe.open(Topic.COMPENSATION.topicName());
             TopicProbe dead = TopicProbe.open(Topic.SLA.deadLetterTopicName());
             KafkaProducer<String, byte[]> producer = Fixtures.producer()) {
            // A type this service does not act on comes first on the ticket's key: skipped, not dead-lettered.
            send(producer, Topic.SLA, ticket, Fixtures.envelope(serde, Topic.SLA, ticket, warning));
            send(producer, Topic.SLA, ticket, Fixtures.envelope(serde, Topic.SLA, ticket, breach(ticket, customer, CustomerTier.ENTERPRISE, product)));
            send(producer, Topic.SLA, standard, Fixtures.envelope(serde, Topic.SLA, standard, breach(standard, customer, CustomerTier.STANDARD, product)));
            send(producer, Topic.SLA, stranger, Fixtures.envelope(serde, Topic.SLA, stranger, breach(stranger, unique("cust"), CustomerTier.VIP, product)));
            send(producer, Topic.SLA, ticket, Fixtures.envelope(serde, Topic.SLA, ticket, review));
            ConsumerRecord<byte[], byte[]> record = credits.awaitOne(r -> new String(r.key(), StandardCharsets.UTF_8).equals(customer), WAIT);
            CreditIssued credit = (CreditIssued) payload(serde, record);
            assertEquals(new BigDecimal("500.00"), credit.getAmount().getAmount());
            assertEquals(CreditBasis.SUPPORT_SLA_BREACH, credit.getBasis());
            assertEquals(ticket, credit.getTicketId());
            assertEquals(sub, credit.getSubscriptionId());
            assertEquals("per-minute", credit.getPolicyId());
            assertTrue(credit.getArithmetic().startsWith("ENTERPRISE P1 FIRST_RESPONSE breach (1500 s against 900 s): 5% x 10,000.00 CNY = 500.00 CNY"),
                    credit.getArithmetic());

            // The same breach again, under a new event id: never a second credit.
            send(producer, Topic.SLA, ticket, Fixtures.envelope(serde, Topic.SLA, ticket, breach(ticket, customer, CustomerTier.ENTERPRISE, product)));
            awaitRows("select count(*) from compensation_review where customer_id = '" + customer + "'", 1);
            assertEquals(1, credits.collect(r -> new String(r.key(), StandardCharsets.UTF_8).equals(customer), Duration.ofSeconds(3)).size());
            assertTrue(dead.collect(r -> new String(r.key(), StandardCharsets.UTF_8).equals(ticket), Duration.ofSeconds(1)).isEmpty(),
                    "the undeclared SlaWarning is skipped, not dead-lettered");
        }
        awaitRows("select count(*) from sla_breach where ticket_id in ('" + standard + "', '" + stranger + "')", 2);
        given().auth().oauth2(Tokens.supervisor("sup-1")).get("/api/v1/compensation/audit/sla-breach/" + standard + "@FIRST_RESPONSE")
                .then().statusCode(200).body("decision", hasItem("NO_CREDIT"))
                .body("reason[0]", containsString("grants nothing for a STANDARD P1 FIRST_RESPONSE breach"));
        given().auth().oauth2(Tokens.supervisor("sup-1")).get("/api/v1/compensation/audit/sla-breach/" + stranger + "@FIRST_RESPONSE")
                .then().statusCode(200).body("reason[0]", containsString("has no subscription for product " + product));

        // A level-1 dispute (SLA missed) about the ticket is upheld at once with the breach's credit, not a second one.
        given().auth().oauth2(Tokens.customer(customer, "user-1")).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("level", "LEVEL_1", "description", "nobody answered our P1 for 25 minutes", "ticketId", ticket))
                .post("/api/v1/compensation/disputes").then().statusCode(201)
                .body("status", org.hamcrest.Matchers.is("DECIDED")).body("outcome", org.hamcrest.Matchers.is("UPHELD"))
                .body("decidingBody", org.hamcrest.Matchers.is("AUTOMATIC")).body("awardedAmount", org.hamcrest.Matchers.is("500.00"));

        // The major incident's compensation review: listed for agents, decided once by a person, with the audit record.
        String reviews = "/api/v1/compensation/reviews";
        String decision = reviews + "/" + review.getMajorIncidentId() + "/customers/" + customer + "/decision";
        given().auth().oauth2(Tokens.agent("agent-1")).queryParam("customerId", customer).queryParam("status", "OPEN").get(reviews)
                .then().statusCode(200).body("reviews", org.hamcrest.Matchers.hasSize(1))
                .body("reviews[0].majorIncidentId", org.hamcrest.Matchers.is(review.getMajorIncidentId()))
                .body("reviews[0].impactMinutes", org.hamcrest.Matchers.is(300)).body("reviews[0].status", org.hamcrest.Matchers.is("OPEN"));
        given().auth().oauth2(Tokens.agent("agent-1")).queryParam("status", "SHUT").get(reviews).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.is("status"));
        given().auth().oauth2(Tokens.customer(customer, "user-1")).get(reviews).then().statusCode(403);
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("outcome", "MAYBE", "reason", "x")).post(decision).then().statusCode(400)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json")).body("errors[0].field", org.hamcrest.Matchers.is("outcome"));
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("outcome", "COMPENSATED")).post(decision).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.is("reason"));
        given().auth().oauth2(Tokens.operator("noc-1")).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("outcome", "COMPENSATED", "reason", "x")).post(decision).then().statusCode(403);
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("outcome", "COMPENSATED", "reason", "x"))
                .post(reviews + "/" + unique("mi") + "/customers/" + customer + "/decision").then().statusCode(404);
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("outcome", "COMPENSATED", "reason", "the P1 breach credit of 500.00 CNY covers the incident"))
                .post(decision).then().statusCode(200).body("status", org.hamcrest.Matchers.is("DECIDED"))
                .body("outcome", org.hamcrest.Matchers.is("COMPENSATED")).body("decidedBy", org.hamcrest.Matchers.is("agent-1"));
        given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("outcome", "NO_COMPENSATION_DUE", "reason", "second thoughts")).post(decision).then().statusCode(409);
        given().auth().oauth2(Tokens.agent("agent-1")).queryParam("customerId", customer).get(reviews).then().statusCode(200)
                .body("reviews[0].status", org.hamcrest.Matchers.is("DECIDED")).body("reviews[0].outcome", org.hamcrest.Matchers.is("COMPENSATED"));
        given().auth().oauth2(Tokens.supervisor("sup-1")).get("/api/v1/compensation/audit/compensation-review/" + review.getMajorIncidentId()
                        + "@" + customer).then().statusCode(200).body("decision", org.hamcrest.Matchers.contains("COMPENSATED"))
                .body("actor[0]", org.hamcrest.Matchers.is("agent-1")).body("data[0].impactMinutes", org.hamcrest.Matchers.is(300));
    }

    private void awaitRows(String countQuery, int expected) throws Exception {
        Fixtures.awaitCount(db, countQuery, new Object[0], expected, WAIT);
    }
}
