package io.switchboard.compensation.flow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.compensation.dispute.Disputes;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.compensation.CreditBasis;
import io.switchboard.contracts.compensation.CreditIssued;
import io.switchboard.contracts.compensation.DecidingBody;
import io.switchboard.contracts.compensation.DisputeDecided;
import io.switchboard.contracts.compensation.DisputeDeadlineNearing;
import io.switchboard.contracts.compensation.DisputeDeadlinePassed;
import io.switchboard.contracts.compensation.DisputeReferredToCommittee;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.switchboard.compensation.flow.Fixtures.payload;
import static io.switchboard.compensation.flow.Fixtures.subscription;
import static io.switchboard.compensation.flow.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST API: who may call, what is refused and why, bulk sync, claims and disputes. */
@QuarkusTest
class ApiTest {

    static final String SUBSCRIPTIONS = "/api/v1/compensation/subscriptions/";

    @Inject
    EventSerde serde;
    @Inject
    Disputes disputes;

    static Map<String, Object> terms(String customer, String product) {
        Map<String, Object> t = new HashMap<>(Map.of("customerId", customer, "product", product, "region", "cn-beijing",
                "monthlyFee", "10000.00", "currency", "CNY", "commitment", "99.95", "billingTimeZone", "Asia/Shanghai"));
        t.put("resourceIds", List.of("i-1"));
        return t;
    }

    @Test
    void everyEndpointNamesWhoMayCallIt() {
        String id = unique("sub");
        given().contentType(ContentType.JSON).body(terms("c", "ecs")).put(SUBSCRIPTIONS + id).then().statusCode(401);
        given().auth().oauth2(Tokens.agent("a-1")).contentType(ContentType.JSON).body(terms("c", "ecs")).put(SUBSCRIPTIONS + id)
                .then().statusCode(403);
        given().auth().oauth2(Tokens.customer("c", "u")).contentType(ContentType.JSON)
                .body(Map.of("product", "ecs", "region", "r", "startedAt", "2026-11-01T00:00:00Z"))
                .post("/api/v1/compensation/outages").then().statusCode(403);
        given().auth().oauth2(Tokens.token().subject("x").roles("agent").expired(Duration.ofMinutes(1)).sign())
                .get("/api/v1/compensation/customers/c/statements/2026-11").then().statusCode(401);
        given().auth().oauth2(Tokens.customer("c", "u")).get("/api/v1/compensation/audit/claim/x").then().statusCode(403);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
        String id = unique("sub");
        String customer = unique("cust");
        Map<String, Object> t = terms(customer, "ecs");
        t.put("currency", "XYZ");
        refused(SUBSCRIPTIONS + id, t, "currency");
        t = terms(customer, "ecs");
        t.put("commitment", "99.5");
        refused(SUBSCRIPTIONS + id, t, "commitment");
        t = terms(customer, "ecs");
        t.put("policyId", "no-such-policy");
        refused(SUBSCRIPTIONS + id, t, "policyId");
        t = terms(customer, "ecs");
        t.put("billingTimeZone", "Mars/Base");
        refused(SUBSCRIPTIONS + id, t, "billingTimeZone");
        given().auth().oauth2(Tokens.system("billing")).contentType(ContentType.JSON).body("{\"monthlyFee\": ")
                .put(SUBSCRIPTIONS + id).then().statusCode(400).contentType(startsWith("application/problem+json"));

        // A bulk request with one bad entry writes none of them.
        Map<String, Object> bad = terms(customer, "ecs");
        bad.put("subscriptionId", unique("sub"));
        bad.put("monthlyFee", "12.345");
        Map<String, Object> good = terms(customer, "ecs");
        good.put("subscriptionId", id);
        given().auth().oauth2(Tokens.system("billing")).contentType(ContentType.JSON).body(Map.of("subscriptions", List.of(good, bad)))
                .post(SUBSCRIPTIONS + "bulk").then().statusCode(400).body("errors[0].field", is("subscriptions[1].monthlyFee"));
        given().auth().oauth2(Tokens.operator("op")).get(SUBSCRIPTIONS + id).then().statusCode(404);

        given().auth().oauth2(Tokens.operator("noc")).contentType(ContentType.JSON)
                .body(Map.of("product", "ecs", "region", "cn-beijing", "startedAt", "2026-11-03T10:00:00Z", "endedAt", "2026-11-03T09:00:00Z"))
                .post("/api/v1/compensation/outages").then().statusCode(400).body("errors[0].field", is("endedAt"));
        given().auth().oauth2(Tokens.operator("noc")).contentType(ContentType.JSON)
                .body(Map.of("product", "ecs", "region", "cn-beijing", "startedAt", "yesterday"))
                .post("/api/v1/compensation/outages").then().statusCode(400).body("errors[0].field", is("startedAt"));
        given().auth().oauth2(Tokens.agent("a")).get("/api/v1/compensation/customers/c/statements/2026-13").then().statusCode(400)
                .body("errors[0].field", is("month"));
        // The month's run over every customer: bad month, page size or cursor named; customers and agents may not read it.
        given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/compensation/statements/2026-13").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", is("month"));
        given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/compensation/statements/2026-11?limit=0").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", is("limit"));
        given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/compensation/statements/2026-11?limit=many").then().statusCode(400)
                .body("errors[0].field", is("limit"));
        given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/compensation/statements/2026-11?after=" + "c".repeat(65))
                .then().statusCode(400).body("errors[0].field", is("after"));
        given().auth().oauth2(Tokens.customer("c", "u")).get("/api/v1/compensation/statements/2026-11").then().statusCode(403);
        given().auth().oauth2(Tokens.agent("a")).get("/api/v1/compensation/statements/2026-11").then().statusCode(403);
        given().get("/api/v1/compensation/statements/2026-11").then().statusCode(401);
    }

    private static void refused(String path, Map<String, Object> body, String field) {
        given().auth().oauth2(Tokens.system("billing")).contentType(ContentType.JSON).body(body).put(path).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", is(field));
    }

    @Test
    void operatorsAddPolicyVersionsThatNeverChange() {
        String id = unique("pol").replace("pol-", "pol");
        String spec = "id=" + id + "; version=1; method=tiered; tiers=*<commitment:10";
        given().auth().oauth2(Tokens.operator("op")).contentType(ContentType.JSON).body(Map.of("spec", spec))
                .post("/api/v1/compensation/policies").then().statusCode(201).body("version", is(1));
        given().auth().oauth2(Tokens.operator("op")).contentType(ContentType.JSON).body(Map.of("spec", spec.replace("commitment:10", "commitment:20")))
                .post("/api/v1/compensation/policies").then().statusCode(400).body("errors[0].field", is("spec.version"));
        given().auth().oauth2(Tokens.operator("op")).contentType(ContentType.JSON)
                .body(Map.of("spec", "id=" + id + "; version=2; method=tiered; tiers=*<commitment"))
                .post("/api/v1/compensation/policies").then().statusCode(400).body("errors[0].field", is("spec.policy.tiers"));
        given().auth().oauth2(Tokens.agent("a")).contentType(ContentType.JSON).body(Map.of("spec", spec))
                .post("/api/v1/compensation/policies").then().statusCode(403);
        given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/compensation/audit/policy/" + id).then().statusCode(200)
                .body("decision[0]", is("RECORDED"));
    }

    @Test
    void theBillingSystemsBulkSyncIsIdempotent() {
        String customer = unique("cust");
        Map<String, Object> a = terms(customer, "ecs");
        a.put("subscriptionId", unique("sub"));
        Map<String, Object> b = terms(customer, "oss");
        b.put("subscriptionId", unique("sub"));
        Map<String, Object> body = Map.of("subscriptions", List.of(a, b));
        given().auth().oauth2(Tokens.system("billing")).contentType(ContentType.JSON).body(body).post(SUBSCRIPTIONS + "bulk")
                .then().statusCode(200).body("created", is(2)).body("unchanged", is(0));
        given().auth().oauth2(Tokens.system("billing")).contentType(ContentType.JSON).body(body).post(SUBSCRIPTIONS + "bulk")
                .then().statusCode(200).body("created", is(0)).body("unchanged", is(2));
        b.put("monthlyFee", "12000.00");
        given().auth().oauth2(Tokens.system("billing")).contentType(ContentType.JSON).body(Map.of("subscriptions", List.of(a, b)))
                .post(SUBSCRIPTIONS + "bulk").then().statusCode(200).body("updated", is(1)).body("unchanged", is(1));
        given().auth().oauth2(Tokens.agent("a")).get(SUBSCRIPTIONS + b.get("subscriptionId")).then().statusCode(200)
                .body("monthlyFee", is("12000.00")).body("policyId", is("per-minute"));
    }

    @Test
    void concurrentSyncsAndDeclarationsOfOneNewIdCreateItOnce() throws Exception {
        String id = unique("sub");
        Map<String, Object> t = terms(unique("cust"), unique("p"));
        String outage = unique("outage");
        Map<String, Object> declaration = Map.of("outageId", outage, "product", t.get("product"), "region", "cn-beijing",
                "startedAt", "2026-11-07T10:00:00Z", "endedAt", "2026-11-07T11:00:00Z");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Integer>> syncs = new java.util.ArrayList<>();
        List<java.util.concurrent.Future<Integer>> declarations = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            syncs.add(pool.submit(() -> given().auth().oauth2(Tokens.system("billing")).contentType(ContentType.JSON).body(t)
                    .put(SUBSCRIPTIONS + id).then().extract().statusCode()));
        }
        for (java.util.concurrent.Future<Integer> f : syncs) {
            f.get();
        }
        for (int i = 0; i < 6; i++) {
            declarations.add(pool.submit(() -> given().auth().oauth2(Tokens.operator("noc")).contentType(ContentType.JSON)
                    .body(declaration).post("/api/v1/compensation/outages").then().extract().statusCode()));
        }
        List<Integer> syncStatuses = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<Integer> f : syncs) {
            syncStatuses.add(f.get());
        }
        List<Integer> declarationStatuses = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<Integer> f : declarations) {
            declarationStatuses.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, syncStatuses.stream().filter(s -> s == 201).count(), syncStatuses.toString());
        assertEquals(5, syncStatuses.stream().filter(s -> s == 200).count(), syncStatuses.toString());
        assertEquals(1, declarationStatuses.stream().filter(s -> s == 201).count(), declarationStatuses.toString());
        assertEquals(5, declarationStatuses.stream().filter(s -> s == 200).count(), declarationStatuses.toString());
        // One hour at 99.95% on 10,000.00: 60 / 43,200 x 10,000.00 x 1.25 = 17.36, credited once.
        given().auth().oauth2(Tokens.agent("a")).get("/api/v1/compensation/customers/" + t.get("customerId") + "/statements/2026-11")
                .then().statusCode(200).body("totalCredited.CNY", is("17.36"));
    }

    @Test
    void aChangeOfTermsRecomputesTheOpenMonthAsAnAdjustmentAndLeavesClosedMonthsAlone() {
        // The current month is open (it closes at its end, month-closes-after PT0S); the previous one is closed.
        java.time.YearMonth current = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
        Instant currentStart = current.atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        org.junit.jupiter.api.Assumptions.assumeTrue(Instant.now().isAfter(currentStart.plus(Duration.ofHours(4))),
                "needs the month's first three hours to have passed");
        java.time.YearMonth previous = current.minusMonths(1);
        Instant previousOutage = previous.atDay(3).atTime(10, 0).toInstant(java.time.ZoneOffset.UTC);
        Fixtures.Customer c = Fixtures.customerWithSubscription();
        for (Instant from : List.of(previousOutage, currentStart.plus(Duration.ofHours(1)))) {
            given().auth().oauth2(Tokens.operator("noc")).contentType(ContentType.JSON)
                    .body(Map.of("product", c.product(), "region", "cn-beijing", "startedAt", from.toString(),
                            "endedAt", from.plus(Duration.ofHours(2)).toString()))
                    .post("/api/v1/compensation/outages").then().statusCode(201).body("creditsIssued", is(1));
        }
        // 120 min of the month x fee x 1.25, half-even to the fen.
        java.util.function.BiFunction<java.time.YearMonth, String, String> perMinute = (m, fee) -> new BigDecimal(120)
                .multiply(new BigDecimal(fee)).multiply(new BigDecimal("1.25"))
                .divide(BigDecimal.valueOf(m.lengthOfMonth() * 1440L), 2, java.math.RoundingMode.HALF_EVEN).toPlainString();
        String before = perMinute.apply(current, "10000.00");
        String after = perMinute.apply(current, "20000.00");
        String delta = new BigDecimal(after).subtract(new BigDecimal(before)).toPlainString();

        Map<String, Object> terms = new HashMap<>(Map.of("customerId", c.id(), "product", c.product(), "region", "cn-beijing",
                "monthlyFee", "20000.00", "currency", "CNY", "commitment", "99.95", "billingTimeZone", "UTC", "resourceIds", List.of()));
        for (int i = 0; i < 2; i++) { // the second sync is the same terms again: unchanged, nothing recomputed
            given().auth().oauth2(Tokens.system("billing")).contentType(ContentType.JSON).body(terms)
                    .put(SUBSCRIPTIONS + c.subscription()).then().statusCode(200);
        }
        String agent = Tokens.agent("a");
        given().auth().oauth2(agent).get("/api/v1/compensation/customers/" + c.id() + "/statements/" + current).then().statusCode(200)
                .body("totalCredited.CNY", is(after))
                .body("subscriptions[0].credits.size()", is(2))
                .body("subscriptions[0].credits[0].kind", is("ISSUED"))
                .body("subscriptions[0].credits[0].amount", is(before))
                .body("subscriptions[0].credits[1].kind", is("ADJUSTED"))
                .body("subscriptions[0].credits[1].amount", is(delta))
                .body("subscriptions[0].credits[1].arithmetic", containsString("20,000.00"));
        given().auth().oauth2(agent).get("/api/v1/compensation/customers/" + c.id() + "/statements/" + previous).then().statusCode(200)
                .body("totalCredited.CNY", is(perMinute.apply(previous, "10000.00")))
                .body("subscriptions[0].credits.size()", is(1))
                // the closed month's arithmetic is the one that was paid: the fee it was settled with
                .body("subscriptions[0].monthlyFee", is("10000.00"))
                .body("subscriptions[0].entitlement", is(perMinute.apply(previous, "10000.00")));
        given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/compensation/audit/ledger-month/" + c.subscription() + "@" + current)
                .then().statusCode(200).body("decision", org.hamcrest.Matchers.hasItem("CREDIT_ADJUSTED"));
        given().auth().oauth2(Tokens.supervisor("s")).get("/api/v1/compensation/audit/subscription/" + c.subscription())
                .then().statusCode(200).body("decision", org.hamcrest.Matchers.hasItem("UPDATED"));
    }

    @Test
    void aClaimForOutagesThatBreachNothingGoesToReview() {
        // Tiered (public bands) at 99.95%: 10 minutes down in November 2026 is 99.9769%, above the commitment: no breach.
        String customer = unique("cust");
        String product = unique("p");
        String sub = unique("sub");
        subscription(sub, customer, product, "cn-beijing", "10000.00", "99.95", "tiered-public");
        given().auth().oauth2(Tokens.operator("noc")).contentType(ContentType.JSON)
                .body(Map.of("product", product, "region", "cn-beijing", "startedAt", "2026-11-05T08:00:00Z",
                        "endedAt", "2026-11-05T08:10:00Z"))
                .post("/api/v1/compensation/outages").then().statusCode(201).body("creditsIssued", is(0));
        given().auth().oauth2(Tokens.customer(customer, "user-1")).contentType(ContentType.JSON)
                .body(Map.of("subscriptionId", sub, "periodFrom", "2026-11-05T08:00:00Z", "periodUntil", "2026-11-05T09:00:00Z"))
                .post("/api/v1/compensation/claims").then().statusCode(201).body("status", is("UNDER_REVIEW"))
                .body("reason", containsString("no breach"));
    }

    @Test
    void claimsAreApprovedFromTheLedgerSentToReviewOrRefusedOutOfWindow() {
        Fixtures.Customer c = Fixtures.customerWithSubscription();
        String product = c.product();
        String customer = c.id();
        String sub = c.subscription();
        given().auth().oauth2(Tokens.operator("noc")).contentType(ContentType.JSON)
                .body(Map.of("product", product, "region", "cn-beijing", "startedAt", "2026-11-05T08:00:00Z",
                        "endedAt", "2026-11-05T10:00:00Z", "summary", "API errors"))
                .post("/api/v1/compensation/outages").then().statusCode(201).body("creditsIssued", is(1));
        String user = Tokens.customer(customer, "user-1");
        given().auth().oauth2(user).contentType(ContentType.JSON)
                .body(Map.of("subscriptionId", sub, "periodFrom", "2026-11-05T08:30:00Z", "periodUntil", "2026-11-05T09:00:00Z",
                        "evidence", "console timeouts"))
                .post("/api/v1/compensation/claims").then().statusCode(201).body("status", is("APPROVED"))
                .body("approvedAmount", is("34.72")).body("reason", containsString("not paid again"));
        String review = given().auth().oauth2(user).contentType(ContentType.JSON)
                .body(Map.of("subscriptionId", sub, "periodFrom", "2026-11-20T08:00:00Z", "periodUntil", "2026-11-20T09:00:00Z"))
                .post("/api/v1/compensation/claims").then().statusCode(201).body("status", is("UNDER_REVIEW"))
                .extract().path("claimId");
        given().auth().oauth2(user).contentType(ContentType.JSON)
                .body(Map.of("subscriptionId", sub, "periodFrom", "2026-08-20T08:00:00Z", "periodUntil", "2026-08-20T09:00:00Z"))
                .post("/api/v1/compensation/claims").then().statusCode(201).body("status", is("REJECTED"))
                .body("reason", containsString("closed"));
        given().auth().oauth2(Tokens.customer(unique("cust"), "intruder")).contentType(ContentType.JSON)
                .body(Map.of("subscriptionId", sub, "periodFrom", "2026-11-20T08:00:00Z", "periodUntil", "2026-11-20T09:00:00Z"))
                .post("/api/v1/compensation/claims").then().statusCode(400).body("errors[0].field", is("subscriptionId"));
        given().auth().oauth2(user).contentType(ContentType.JSON).body(Map.of("decision", "APPROVED", "amount", "100.00", "reason", "x"))
                .post("/api/v1/compensation/claims/" + review + "/decision").then().statusCode(403);
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON)
                .body(Map.of("decision", "APPROVED", "amount", "100.00", "reason", "console logs confirm the errors"))
                .post("/api/v1/compensation/claims/" + review + "/decision").then().statusCode(200)
                .body("status", is("APPROVED")).body("approvedAmount", is("100.00"));
        given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON)
                .body(Map.of("decision", "APPROVED", "amount", "100.00", "reason", "again"))
                .post("/api/v1/compensation/claims/" + review + "/decision").then().statusCode(409);
        given().auth().oauth2(user).get("/api/v1/compensation/customers/" + customer + "/statements/2026-11").then().statusCode(200)
                .body("totalCredited.CNY", is("134.72"));
    }

    @Test
    void aDisputeWarnsPassesGoesToTheCommitteeAndItsAwardIsCredited() {
        Fixtures.Customer c = Fixtures.customerWithSubscription();
        String product = c.product();
        String customer = c.id();
        String sub = c.subscription();
        String user = Tokens.customer(customer, "user-1");
        given().auth().oauth2(user).contentType(ContentType.JSON).body(Map.of("level", "LEVEL_4", "description", "x"))
                .post("/api/v1/compensation/disputes").then().statusCode(400).body("errors[0].field", is("level"));
        String id = given().auth().oauth2(user).contentType(ContentType.JSON)
                .body(Map.of("level", "LEVEL_2", "description", "snapshots of a volume were lost", "claimedAmount", "2000.00", "currency", "CNY"))
                .post("/api/v1/compensation/disputes").then().statusCode(201).body("stage", is("ON_TIME")).extract().path("disputeId");
        String opened = given().auth().oauth2(user).get("/api/v1/compensation/disputes/" + id).then().statusCode(200).extract().path("openedAt");
        try (TopicProbe events = TopicProbe.open(Topic.COMPENSATION.topicName())) {
            Instant at = Instant.parse(opened);
            disputes.watch(at.plus(Duration.ofDays(16)));
            // DisputeOpened may reach the topic after the probe opened (the relay is asynchronous): only what follows it counts.
            java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> afterOpening = r -> new String(r.key(), StandardCharsets.UTF_8)
                    .equals(customer) && !(payload(serde, r) instanceof io.switchboard.contracts.compensation.DisputeOpened);
            List<ConsumerRecord<byte[], byte[]>> stages = events.await(afterOpening, 3, Duration.ofSeconds(30));
            List<Object> payloads = stages.stream().map(r -> payload(serde, r)).toList();
            assertTrue(payloads.get(0) instanceof DisputeDeadlineNearing, payloads.toString());
            assertTrue(payloads.get(1) instanceof DisputeDeadlinePassed, payloads.toString());
            assertTrue(payloads.get(2) instanceof DisputeReferredToCommittee, payloads.toString());
            assertEquals(0, disputes.watch(at.plus(Duration.ofDays(17))), "each stage is announced once");

            given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON)
                    .body(Map.of("outcome", "PARTIALLY_UPHELD", "subscriptionId", sub, "awardedAmount", "200.00", "reason", "committee"))
                    .post("/api/v1/compensation/disputes/" + id + "/decision").then().statusCode(200)
                    .body("decidingBody", is("REVIEW_COMMITTEE")).body("awardedAmount", is("200.00"));
            List<ConsumerRecord<byte[], byte[]>> decided = events.await(afterOpening, 5, Duration.ofSeconds(30));
            CreditIssued credit = decided.stream().map(r -> payload(serde, r)).filter(CreditIssued.class::isInstance)
                    .map(CreditIssued.class::cast).findFirst().orElseThrow();
            assertEquals(CreditBasis.DISPUTE_DECISION, credit.getBasis());
            assertEquals(new BigDecimal("200.00"), credit.getAmount().getAmount());
            assertEquals(id, credit.getDisputeId());
            DisputeDecided decision = decided.stream().map(r -> payload(serde, r)).filter(DisputeDecided.class::isInstance)
                    .map(DisputeDecided.class::cast).findFirst().orElseThrow();
            assertEquals(DecidingBody.REVIEW_COMMITTEE, decision.getDecidingBody());
        }
        given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(ContentType.JSON)
                .body(Map.of("outcome", "REJECTED", "reason", "again")).post("/api/v1/compensation/disputes/" + id + "/decision")
                .then().statusCode(409);
        // The decision's audit record: who decided, the deciding body, the credit and the policy version it was paid under.
        given().auth().oauth2(Tokens.supervisor("sup-1")).get("/api/v1/compensation/audit/dispute/" + id).then().statusCode(200)
                .body("find { it.action == 'decide-dispute' }.actor", is("sup-1"))
                .body("find { it.action == 'decide-dispute' }.policyId", is("per-minute"))
                .body("find { it.action == 'decide-dispute' }.policyVersion", is(1))
                .body("find { it.action == 'decide-dispute' }.data.decidingBody", is("REVIEW_COMMITTEE"));
    }
}
