package io.switchboard.compensation.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Severity;
import io.switchboard.contracts.compensation.CreditAdjusted;
import io.switchboard.contracts.compensation.CreditBasis;
import io.switchboard.contracts.compensation.CreditIssued;
import io.switchboard.contracts.outages.OutageCorrected;
import io.switchboard.contracts.outages.OutageEnded;
import io.switchboard.contracts.outages.OutageReported;
import io.switchboard.eventing.DeadLetters;
import io.switchboard.eventing.Envelopes;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.switchboard.compensation.flow.Fixtures.payload;
import static io.switchboard.compensation.flow.Fixtures.send;
import static io.switchboard.compensation.flow.Fixtures.subscription;
import static io.switchboard.compensation.flow.Fixtures.unique;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outages in through the real topic, credits out on the real topic, exactly once, with corrections as adjustments. */
@QuarkusTest
class OutageFlowTest {

    static final Instant START = Instant.parse("2026-11-03T10:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String LATE_RECOVERY = "monitoring saw the recovery late\t(ticket NOC\\42)\nconfirmed by the DC";

    @Inject
    EventSerde serde;
    @Inject
    AgroalDataSource db;

    private String key(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }

    private SpecificRecord envelope(Topic topic, String key, SpecificRecord payload) {
        return Envelopes.wrap(topic, key, payload, "test-monitoring", Instant.now(), null);
    }

    @Test
    void anOutageIsCreditedOnceWhateverIsReplayedAndACorrectionIsAnAdjustment() throws Exception {
        String product = unique("p");
        String customer = unique("cust");
        String other = unique("cust");
        String perMinute = unique("sub");
        String tiered = unique("sub");
        subscription(perMinute, customer, product, "cn-beijing", "10000.00", "99.95", null);
        subscription(tiered, customer, product, "cn-beijing", "10000.00", "99.95", "tiered-public");
        subscription(unique("sub"), other, product, "cn-shanghai", "10000.00", "99.95", null);
        String outage = unique("outage");
        OutageReported reported = OutageReported.newBuilder().setOutageId(outage).setProduct(product).setRegion("cn-beijing")
                .setZone(null).setSeverity(Severity.CRITICAL).setEmergencyLevel(null).setAffectedCustomerIds(List.of())
                .setSummary("ECS API unavailable").setStartedAt(START).build();
        OutageEnded ended = OutageEnded.newBuilder().setOutageId(outage).setProduct(product).setRegion("cn-beijing")
                .setZone(null).setAffectedCustomerIds(List.of()).setStartedAt(START).setEndedAt(START.plus(Duration.ofMinutes(120)))
                .build();
        List<SpecificRecord> first = List.of(envelope(Topic.OUTAGES_INBOUND, outage, reported), envelope(Topic.OUTAGES_INBOUND, outage, ended));

        try (TopicProbe credits = TopicProbe.open(Topic.COMPENSATION.topicName());
             KafkaProducer<String, byte[]> producer = Fixtures.producer()) {
            for (SpecificRecord e : first) {
                send(producer, Topic.OUTAGES_INBOUND, outage, serde.serialize(Topic.OUTAGES_INBOUND, e));
            }
            List<ConsumerRecord<byte[], byte[]>> issued = credits.await(r -> key(r).equals(customer), 2, WAIT);
            Map<String, CreditIssued> bySubscription = new java.util.HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : issued) {
                CreditIssued c = (CreditIssued) payload(serde, r);
                bySubscription.put(c.getSubscriptionId(), c);
            }
            CreditIssued minute = bySubscription.get(perMinute);
            assertEquals(new BigDecimal("34.72"), minute.getAmount().getAmount());
            assertEquals("CNY", minute.getAmount().getCurrency());
            assertEquals(CreditBasis.PER_MINUTE, minute.getBasis());
            assertEquals(outage, minute.getOutageId());
            assertEquals("99.7222", minute.getAchievedAvailabilityPercent());
            assertEquals(java.time.LocalDate.parse("2026-11-01"), minute.getBillingMonth());
            assertEquals(START, minute.getUnavailableFrom());
            assertTrue(minute.getArithmetic().startsWith("120 min / 43,200 min x 10,000.00 CNY x 1.25"), minute.getArithmetic());
            CreditIssued band = bySubscription.get(tiered);
            assertEquals(new BigDecimal("1000.00"), band.getAmount().getAmount());
            assertEquals(CreditBasis.AVAILABILITY_BAND, band.getBasis());

            // Replays: the very same records again (the inbox drops them), the same records after the inbox forgot them
            // (as a fresh consumer group reading from offset 0 would), and the same end under a new event id.
            for (SpecificRecord e : first) {
                send(producer, Topic.OUTAGES_INBOUND, outage, serde.serialize(Topic.OUTAGES_INBOUND, e));
            }
            List<String> ids = first.stream().map(e -> EventMetadata.of(e).eventId()).toList();
            awaitProcessed(ids);
            forget(ids);
            for (SpecificRecord e : first) {
                send(producer, Topic.OUTAGES_INBOUND, outage, serde.serialize(Topic.OUTAGES_INBOUND, e));
            }
            SpecificRecord again = envelope(Topic.OUTAGES_INBOUND, outage, ended);
            send(producer, Topic.OUTAGES_INBOUND, outage, serde.serialize(Topic.OUTAGES_INBOUND, again));
            List<String> replayed = new ArrayList<>(ids);
            replayed.add(EventMetadata.of(again).eventId());
            awaitProcessed(replayed);
            assertEquals(2, creditRows(customer), "one credit per subscription, whatever was replayed");

            // A correction: the outage really lasted 180 minutes. The per-minute credit is adjusted by the difference;
            // the band credit (still between 99.0% and 99.95%) does not change.
            OutageCorrected corrected = OutageCorrected.newBuilder().setOutageId(outage).setProduct(product).setRegion("cn-beijing")
                    .setAffectedCustomerIds(List.of()).setAffectedResourceIds(List.of()).setStartedAt(START)
                    .setEndedAt(START.plus(Duration.ofMinutes(180))).setReason(LATE_RECOVERY)
                    .setCorrectedBy("noc-1").setCorrectedAt(Instant.now()).build();
            send(producer, Topic.OUTAGES_INBOUND, outage, Fixtures.envelope(serde, Topic.OUTAGES_INBOUND, outage, corrected));
            ConsumerRecord<byte[], byte[]> adjustment = credits.awaitOne(r -> key(r).equals(customer)
                    && payload(serde, r) instanceof CreditAdjusted, WAIT);
            CreditAdjusted adjusted = (CreditAdjusted) payload(serde, adjustment);
            assertEquals(perMinute, adjusted.getSubscriptionId());
            assertEquals(new BigDecimal("17.36"), adjusted.getAmount().getAmount());
            assertEquals(new BigDecimal("52.08"), adjusted.getTotalCredited().getAmount());
            // The audit trail keeps the reason as given, tab, line break and backslash included.
            given().auth().oauth2(Tokens.supervisor("sup-1"))
                    .get("/api/v1/compensation/audit/outage/" + outage).then().statusCode(200)
                    .body("find { it.decision == 'CORRECTED' }.reason", org.hamcrest.Matchers.endsWith(": " + LATE_RECOVERY));

            // An operator declares an overlapping outage over REST (the same code path): the period is already counted.
            given().auth().oauth2(Tokens.operator("noc-2")).contentType(ContentType.JSON)
                    .body(Map.of("outageId", outage + "-dup", "product", product, "region", "cn-beijing",
                            "startedAt", "2026-11-03T10:30:00Z", "endedAt", "2026-11-03T11:30:00Z", "summary", "same incident"))
                    .post("/api/v1/compensation/outages").then().statusCode(201)
                    .body("creditsIssued", is(0)).body("adjustments", is(0)).body("monthsSettled", is(2));
            List<ConsumerRecord<byte[], byte[]>> all = credits.collect(r -> key(r).equals(customer), Duration.ofSeconds(3));
            assertEquals(3, all.size(), "two credits and one adjustment, nothing for replays or the overlap");
        }

        // The customer's statement shows the arithmetic; another customer may not read it.
        given().auth().oauth2(Tokens.customer(customer, "user-1"))
                .get("/api/v1/compensation/customers/" + customer + "/statements/2026-11").then().statusCode(200)
                .body("subscriptions", hasSize(2))
                .body("subscriptions.find { it.subscriptionId == '" + perMinute + "' }.unavailableMinutes", is(180))
                .body("subscriptions.find { it.subscriptionId == '" + perMinute + "' }.availabilityPercent", is("99.5833"))
                .body("subscriptions.find { it.subscriptionId == '" + perMinute + "' }.outages", hasSize(2))
                .body("subscriptions.find { it.subscriptionId == '" + perMinute + "' }.totalCredited", is("52.08"))
                .body("subscriptions.find { it.subscriptionId == '" + perMinute + "' }.entitlementArithmetic",
                        is("180 min / 43,200 min x 10,000.00 CNY x 1.25 (coefficient at 99.95%) = 52.083333... = 52.08 CNY (HALF_EVEN to the minor unit)"))
                .body("subscriptions.find { it.subscriptionId == '" + perMinute + "' }.policy.version", is(1))
                .body("subscriptions.find { it.subscriptionId == '" + tiered + "' }.totalCredited", is("1000.00"))
                .body("totalCredited.CNY", is("1052.08"));
        given().auth().oauth2(Tokens.customer(other, "user-2"))
                .get("/api/v1/compensation/customers/" + customer + "/statements/2026-11").then().statusCode(403);
        // The month's run (every customer, page by page) holds the very same statement.
        ObjectMapper json = new ObjectMapper();
        JsonNode single = json.readTree(given().auth().oauth2(Tokens.supervisor("sup-1"))
                .get("/api/v1/compensation/customers/" + customer + "/statements/2026-11").then().statusCode(200).extract().asString());
        JsonNode page = json.readTree(given().auth().oauth2(Tokens.supervisor("sup-1"))
                .queryParam("after", customer.substring(0, customer.length() - 1)).queryParam("limit", 1000)
                .get("/api/v1/compensation/statements/2026-11").then().statusCode(200).extract().asString());
        JsonNode inRun = null;
        for (JsonNode statement : page.get("statements")) {
            if (statement.get("customerId").asText().equals(customer)) {
                inRun = statement;
            }
        }
        assertEquals(single, inRun, "the month's run shows the customer's statement as the customer sees it");
        given().auth().oauth2(Tokens.supervisor("sup-1"))
                .get("/api/v1/compensation/audit/ledger-month/" + perMinute + "@2026-11").then().statusCode(200)
                .body("decision", org.hamcrest.Matchers.hasItems("CREDIT_ISSUED", "CREDIT_ADJUSTED", "NOTHING_MORE_DUE"));
    }

    @Test
    void poisonAndInvalidOutagesGoToTheDeadLetterTopicAndTheNextOneIsCredited() throws Exception {
        String product = unique("p");
        String customer = unique("cust");
        String sub = unique("sub");
        subscription(sub, customer, product, "cn-beijing", "10000.00", "99.99", null);
        String poisonKey = unique("poison");
        String invalidKey = unique("outage");
        String good = unique("outage");
        OutageEnded backwards = OutageEnded.newBuilder().setOutageId(invalidKey).setProduct(product).setRegion("cn-beijing")
                .setZone(null).setAffectedCustomerIds(List.of()).setStartedAt(START).setEndedAt(START.minusSeconds(60)).build();
        OutageEnded valid = OutageEnded.newBuilder().setOutageId(good).setProduct(product).setRegion("cn-beijing")
                .setZone(null).setAffectedCustomerIds(List.of(customer)).setStartedAt(START)
                .setEndedAt(START.plus(Duration.ofMinutes(120))).build();
        try (TopicProbe dead = TopicProbe.open(Topic.OUTAGES_INBOUND.deadLetterTopicName());
             TopicProbe credits = TopicProbe.open(Topic.COMPENSATION.topicName());
             KafkaProducer<String, byte[]> producer = Fixtures.producer()) {
            send(producer, Topic.OUTAGES_INBOUND, poisonKey, "not an event".getBytes(StandardCharsets.UTF_8));
            send(producer, Topic.OUTAGES_INBOUND, invalidKey, Fixtures.envelope(serde, Topic.OUTAGES_INBOUND, invalidKey, backwards));
            send(producer, Topic.OUTAGES_INBOUND, good, Fixtures.envelope(serde, Topic.OUTAGES_INBOUND, good, valid));
            ConsumerRecord<byte[], byte[]> poison = dead.awaitOne(r -> key(r).equals(poisonKey), WAIT);
            assertEquals("compensation.inbound-outages", TopicProbe.header(poison, DeadLetters.CONSUMER_GROUP));
            ConsumerRecord<byte[], byte[]> invalid = dead.awaitOne(r -> key(r).equals(invalidKey), WAIT);
            String reason = TopicProbe.header(invalid, DeadLetters.REASON);
            assertTrue(reason.startsWith("rejected by inbound-outages") && reason.contains("endedAt"), reason);
            CreditIssued credit = (CreditIssued) payload(serde, credits.awaitOne(r -> key(r).equals(customer), WAIT));
            // 120 / 43,200 x 10,000.00 x 2.50 = 69.444... -> 69.44
            assertEquals(new BigDecimal("69.44"), credit.getAmount().getAmount());
        }
    }

    /**
     * Overlapping outages of one cell, ended all at once: the channel's two copies settle them side by side (their
     * keys spread over the topic's partitions), and each subscription is still credited exactly the union of the
     * periods, 270 minutes, once: each settlement reads the outages after locking the months it settles.
     */
    @Test
    void overlappingOutagesSettledSideBySideAreCountedOnce() throws Exception {
        String product = unique("p");
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String customer = unique("cust");
            customers.add(customer);
            subscription(unique("sub"), customer, product, "cn-beijing", "10000.00", "99.95", null);
        }
        List<String> eventIds = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = Fixtures.producer()) {
            // Eight hours staggered by 30 minutes: 10:00-11:00, 10:30-11:30, ..., 13:30-14:30.
            for (int i = 0; i < 8; i++) {
                String outage = unique("outage");
                Instant from = START.plus(Duration.ofMinutes(30L * i));
                OutageEnded ended = OutageEnded.newBuilder().setOutageId(outage).setProduct(product).setRegion("cn-beijing")
                        .setZone(null).setAffectedCustomerIds(List.of()).setStartedAt(from).setEndedAt(from.plus(Duration.ofMinutes(60)))
                        .build();
                SpecificRecord event = envelope(Topic.OUTAGES_INBOUND, outage, ended);
                eventIds.add(EventMetadata.of(event).eventId());
                send(producer, Topic.OUTAGES_INBOUND, outage, serde.serialize(Topic.OUTAGES_INBOUND, event));
            }
        }
        awaitProcessed(eventIds);
        for (String customer : customers) {
            // 270 / 43,200 x 10,000.00 x 1.25 = 78.125 -> 78.12 (half-even), whatever order the pieces were credited in.
            given().auth().oauth2(Tokens.customer(customer, "user-1"))
                    .get("/api/v1/compensation/customers/" + customer + "/statements/2026-11").then().statusCode(200)
                    .body("subscriptions", hasSize(1))
                    .body("subscriptions[0].unavailableMinutes", is(270))
                    .body("subscriptions[0].outages", hasSize(8))
                    .body("subscriptions[0].totalCredited", is("78.12"));
            try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                    "select sum(amount), count(distinct cause), count(*) from credit where customer_id = ?")) {
                q.setString(1, customer);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertEquals(new BigDecimal("78.12"), rs.getBigDecimal(1), "the credits add up to the union's credit");
                    assertEquals(rs.getInt(3), rs.getInt(2), "no outage credited twice");
                }
            }
        }
    }

    private void awaitProcessed(List<String> eventIds) throws Exception {
        Fixtures.awaitCount(db, "select count(*) from processed_event where consumer_group = 'compensation.inbound-outages' "
                + "and event_id = any(?)", new Object[] {eventIds}, eventIds.size(), WAIT);
    }

    /** As if a fresh consumer group read them: the inbox no longer knows these events. */
    private void forget(List<String> eventIds) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement d = c.prepareStatement(
                "delete from processed_event where consumer_group = 'compensation.inbound-outages' and event_id = any(?)")) {
            d.setArray(1, c.createArrayOf("varchar", eventIds.toArray()));
            assertEquals(eventIds.size(), d.executeUpdate());
        }
    }

    private int creditRows(String customer) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("select count(*) from credit where customer_id = ?")) {
            q.setString(1, customer);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
