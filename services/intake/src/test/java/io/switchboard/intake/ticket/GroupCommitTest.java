package io.switchboard.intake.ticket;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Urgency;
import io.switchboard.intake.domain.IntakeFacts;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guarantees of one request per transaction hold when many requests share one group commit. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class GroupCommitTest {

    @Inject
    TicketOpening opening;

    @Inject
    TicketLifecycleService lifecycle;

    private static TicketOpening.NewWork trigger(String source, String key, String summary) {
        IntakeFacts facts = IntakeFacts.of(Channel.MONITORING).withImpact(Impact.MODERATE).withUrgency(Urgency.HIGH);
        return new TicketOpening.NewWork(Channel.MONITORING, "internal-operations", facts, summary, null, "ecs", null, null,
                source, key, key, source);
    }

    @Test
    void oneDedupKeyInOneGroupGivesOneTicketWithCountedOccurrences() {
        String source = "group-test-" + UUID.randomUUID();
        List<TicketOpening.NewWork> works = List.of(trigger(source, "disk-full", "disk full (1)"), trigger(source, null, "no key"),
                trigger(source, "disk-full", "disk full (2)"), trigger(source, "cpu", "cpu hot"),
                trigger(source, "disk-full", "disk full (3)"));

        List<TicketOpening.Intake> first = QuarkusTransaction.requiringNew().call(() -> opening.openAll(works));

        assertEquals(List.of(true, true, false, true, false), first.stream().map(TicketOpening.Intake::opened).toList());
        String diskTicket = first.get(0).ticket().id;
        assertEquals(diskTicket, first.get(2).ticket().id);
        assertEquals(diskTicket, first.get(4).ticket().id);
        assertEquals(3, Set.of(first.get(0).ticket().id, first.get(1).ticket().id, first.get(3).ticket().id).size());
        Ticket stored = QuarkusTransaction.requiringNew().call(() -> Ticket.<Ticket>findById(diskTicket));
        assertEquals(3, stored.occurrenceCount);
        assertEquals(List.of("opened", "occurrence", "occurrence"), stored.history.stream().map(Ticket.HistoryEntry::kind).toList());

        // A second group meets the open ticket: occurrences only, counted on from 3.
        List<TicketOpening.Intake> second = QuarkusTransaction.requiringNew().call(() -> opening.openAll(List.of(
                trigger(source, "disk-full", "disk full (4)"), trigger(source, "disk-full", "disk full (5)"))));
        assertFalse(second.get(0).opened());
        assertFalse(second.get(1).opened());
        assertEquals(diskTicket, second.get(1).ticket().id);
        assertEquals(5, second.get(1).ticket().occurrenceCount);
        Ticket after = QuarkusTransaction.requiringNew().call(() -> Ticket.<Ticket>findById(diskTicket));
        assertEquals(5, after.occurrenceCount);
        assertEquals(5, after.history.size());
        assertNull(after.previousTicketId);
    }

    @Test
    void aGroupAfterResolutionOpensANewTicketLinkedToTheOldOne() {
        String source = "group-test-" + UUID.randomUUID();
        String old = QuarkusTransaction.requiringNew().call(() -> opening.open(trigger(source, "k", "first")).ticket().id);
        QuarkusTransaction.requiringNew().run(() -> lifecycle.resolve(old, io.switchboard.contracts.tickets.ResolutionCode.FIXED,
                false, "fixed", "agent-1"));

        List<TicketOpening.Intake> next = QuarkusTransaction.requiringNew().call(() -> opening.openAll(List.of(
                trigger(source, "k", "again"), trigger(source, "k", "and again"))));

        assertTrue(next.get(0).opened());
        assertNotEquals(old, next.get(0).ticket().id);
        assertEquals(old, next.get(0).ticket().previousTicketId);
        assertEquals(next.get(0).ticket().id, next.get(1).ticket().id);
    }

    @Test
    void parallelRequestsWithOneIdempotencyKeyGiveOneTicketAndReplays() throws Exception {
        String customer = TicketApiTest.customer("VIP");
        String key = "idem-" + UUID.randomUUID();
        Map<String, Object> body = TicketApiTest.ticket(customer);
        int requests = 24;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(() -> given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                        .post("/api/v1/tickets"));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
            Map<Integer, Long> byStatus = responses.stream().collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
            assertEquals(Map.of(201, 1L, 200, (long) requests - 1), byStatus);
            assertEquals(1, responses.stream().map(r -> r.path("id")).distinct().count());
            assertEquals(requests - 1, responses.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed"))).count());

            // The same key with another body, in parallel with replays: refused, and no second ticket.
            Map<String, Object> other = new HashMap<>(body);
            other.put("summary", "a different problem");
            List<Callable<Response>> mixed = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Map<String, Object> b = i % 2 == 0 ? other : body;
                mixed.add(() -> given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).header("Idempotency-Key", key).body(b).post("/api/v1/tickets"));
            }
            Map<Integer, Long> mixedStatus = new HashMap<>();
            for (Future<Response> f : pool.invokeAll(mixed)) {
                mixedStatus.merge(f.get().statusCode(), 1L, Long::sum);
            }
            assertEquals(Map.of(200, (long) requests / 2, 422, (long) requests / 2), mixedStatus);
            given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/tickets?customerId=" + customer).then().statusCode(200)
                    .body("total", org.hamcrest.Matchers.is(1));
        } finally {
            pool.shutdownNow();
        }
    }
}
