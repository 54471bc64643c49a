package io.switchboard.routing.flow;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.routing.agent.AgentMemory;
import io.switchboard.routing.agent.AgentRepository;
import io.switchboard.routing.domain.RoutingTicket;
import io.switchboard.routing.ticket.QueueSweep;
import io.switchboard.routing.ticket.TicketRouting;
import io.switchboard.testkit.Tokens;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two assigners at once, as two routing instances would be (each its own thread, its own transactions,
 * the same PostgreSQL), race for one agent: the agent never holds more than their capacity, and every
 * other ticket waits in the queue.
 */
@QuarkusTest
@QuarkusTestResource(RoutingStack.class)
class CapacityTest {

    @Inject
    TicketRouting routing;

    @Inject
    EntityManager em;

    @Inject
    AgentMemory memory;

    @Inject
    QueueSweep sweep;

    @Test
    void twoInstancesNeverGiveAnAgentMoreThanTheirCapacity() throws Exception {
        Desk desk = deskOfOneAgent(3);
        String run = desk.run();
        String skill = desk.skill();
        String group = desk.group();
        String agent = desk.agent();

        int perInstance = 10;
        ExecutorService instances = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            int i0 = instance;
            done.add(instances.submit(() -> {
                start.await();
                for (int n = 0; n < perInstance; n++) {
                    routing.open(new RoutingTicket("T-" + run + "-" + i0 + "-" + n, "c", CustomerTier.STANDARD, "en", skill,
                            "technical." + skill, null, Priority.P3, false, null, SupportLevel.L1, null, null, null, Instant.now(), Set.of()));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        instances.shutdown();

        int load = given().auth().oauth2(Tokens.supervisor("sup")).get("/api/v1/routing/agents/" + agent).then().statusCode(200)
                .extract().path("agent.load");
        assertEquals(3, load);
        assertEquals(3, count("ASSIGNED", group), "three assigned");
        assertEquals(2 * perInstance - 3, count("QUEUED", group), "the others wait");
        given().auth().oauth2(Tokens.supervisor("sup")).get("/api/v1/routing/queues").then().statusCode(200)
                .body("groups.find { it.group == '" + group + "' }.depth", org.hamcrest.Matchers.is(2 * perInstance - 3))
                .body("groups.find { it.group == '" + group + "' }.agentsFree", org.hamcrest.Matchers.is(0));
    }

    /**
     * Another instance fills an agent (its claim is in the database); this instance's desk in memory
     * still shows the seat free: the conditional claim refuses it and the ticket waits. When the other
     * instance frees the seat without serving this queue, the sweep (which reads the database) does.
     */
    @Test
    void aSeatAnotherInstanceTookIsNotGivenAgainFromMemory() {
        Desk desk = deskOfOneAgent(1);
        String run = desk.run();
        String skill = desk.skill();
        String group = desk.group();
        String agent = desk.agent();
        assertEquals(0, memory.agent(agent).orElseThrow().load(), "this instance sees the seat free");

        otherInstanceMovesLoad(agent, 1); // the other instance's claim
        String ticket = "T-" + run + "-stale";
        routing.open(new RoutingTicket(ticket, "c", CustomerTier.STANDARD, "en", skill, "technical." + skill, null, Priority.P3,
                false, null, SupportLevel.L1, null, null, null, Instant.now(), Set.of()));

        assertEquals(1, loadOf(agent), "never over capacity");
        assertEquals(1, count("QUEUED", group), "the ticket waits");

        otherInstanceMovesLoad(agent, -1); // the other instance's ticket resolved
        sweep.sweep(); // reads the agents with room from the database, not from memory
        assertEquals(1, count("ASSIGNED", group), "served by the sweep once the seat is free");
    }

    /**
     * In a batch of ticket events the claims are held and written at its end: when another instance
     * filled the agent meanwhile, the database refuses the held claim, the whole batch fails and nothing
     * of it stays; applied again one by one (as the consumer then does), each claim is checked on its own.
     */
    @Test
    void aBatchWhoseHeldClaimTheDatabaseRefusesLeavesNothingAndItsEventsAreAppliedOneByOne() {
        Desk desk = deskOfOneAgent(2);
        String run = desk.run();
        String skill = desk.skill();
        String group = desk.group();
        String agent = desk.agent();
        assertEquals(0, memory.agent(agent).orElseThrow().load(), "this instance sees both seats free");
        otherInstanceMovesLoad(agent, 1); // the other instance's claim

        List<RoutingTicket> tickets = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            tickets.add(new RoutingTicket("T-" + run + "-" + n, "c", CustomerTier.STANDARD, "en", skill, "technical." + skill, null,
                    Priority.P3, false, null, SupportLevel.L1, null, null, null, Instant.now(), Set.of()));
        }
        List<Runnable> batch = tickets.stream().map(t -> (Runnable) () -> routing.open(t)).toList();
        RuntimeException failed = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew()
                .run(() -> routing.applyAll(tickets.stream().map(RoutingTicket::id).toList(), batch)));
        assertTrue(causes(failed).stream().anyMatch(AgentRepository.ClaimRefusedException.class::isInstance), failed.toString());
        assertEquals(0, count("ASSIGNED", group) + count("QUEUED", group), "nothing of the batch stays");
        assertEquals(1, loadOf(agent), "the other instance's claim only");

        batch.forEach(event -> QuarkusTransaction.requiringNew().run(() -> routing.applyAll(List.of(event))));
        assertEquals(2, loadOf(agent), "never over capacity");
        assertEquals(1, count("ASSIGNED", group));
        assertEquals(2, count("QUEUED", group));
    }

    /**
     * A resolution and openings in one batch, the agent full before it: the held release is written
     * before the held claims, so the seat it frees is taken within the batch and the agent ends at
     * capacity, not over it.
     */
    @Test
    void aSeatFreedInABatchIsTakenInTheSameBatchWithinCapacity() {
        Desk desk = deskOfOneAgent(1);
        String run = desk.run();
        String skill = desk.skill();
        String group = desk.group();
        String agent = desk.agent();
        RoutingTicket first = ticket(run, 0, skill);
        routing.open(first);
        assertEquals(1, loadOf(agent));

        RoutingTicket second = ticket(run, 1, skill);
        RoutingTicket third = ticket(run, 2, skill);
        QuarkusTransaction.requiringNew().run(() -> routing.applyAll(List.of(first.id(), second.id(), third.id()), List.of(
                () -> routing.finish(first.id(), io.switchboard.contracts.routing.UnassignReason.RESOLVED, "agent"),
                () -> routing.open(second),
                () -> routing.open(third))));
        assertEquals(1, loadOf(agent), "the freed seat taken again, no more");
        assertEquals(1, count("ASSIGNED", group));
        assertEquals(1, count("QUEUED", group));
        assertEquals(1, count("DONE", group));
    }

    /**
     * A batch's ticket rows are plain JDBC writes: they are in the database before the freed seat serves
     * the queue at the batch's end, and later changes (one event at a time through the entities, or
     * another batch) find them as written (status, version).
     */
    @Test
    void aBatchsRowsAreWrittenBeforeItsFreedSeatServesTheQueueAndStayConsistentForLaterChanges() {
        Desk desk = deskOfOneAgent(1);
        String group = desk.group();
        RoutingTicket first = ticket(desk.run(), 0, desk.skill());
        RoutingTicket second = ticket(desk.run(), 1, desk.skill());
        RoutingTicket third = ticket(desk.run(), 2, desk.skill());
        routing.open(first);
        routing.open(second); // the agent is full: it waits
        QuarkusTransaction.requiringNew().run(() -> routing.applyAll(List.of(third.id(), first.id()), List.of(
                () -> routing.open(third), // waits behind the second
                () -> routing.finish(first.id(), io.switchboard.contracts.routing.UnassignReason.RESOLVED, "agent"))));
        assertEquals("ASSIGNED", statusOf(second.id()), "the head of the queue took the freed seat at the batch's end");
        assertEquals("QUEUED", statusOf(third.id()));
        assertEquals("DONE", statusOf(first.id()));
        assertEquals(1, loadOf(desk.agent()));

        routing.finish(third.id(), io.switchboard.contracts.routing.UnassignReason.CLOSED, "agent"); // through the entity
        QuarkusTransaction.requiringNew().run(() -> routing.applyAll(List.of(second.id(), first.id()), List.of(
                () -> routing.finish(second.id(), io.switchboard.contracts.routing.UnassignReason.RESOLVED, "agent"),
                () -> routing.finish(first.id(), io.switchboard.contracts.routing.UnassignReason.CLOSED, "agent")))); // already done: nothing
        assertEquals(3, count("DONE", group));
        assertEquals(0, loadOf(desk.agent()));
        given().auth().oauth2(Tokens.supervisor("sup")).get("/api/v1/routing/tickets/" + second.id()).then().statusCode(200)
                .body("history.action", org.hamcrest.Matchers.contains("ROUTED", "ASSIGNED_FROM_QUEUE", "RESOLVED"));
    }

    /** A run's own skill group in the UTC test centre, with one available agent of this capacity. */
    private record Desk(String run, String skill, String group, String agent) {
    }

    private static Desk deskOfOneAgent(int capacity) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Desk desk = new Desk(run, "skill-" + run, "g-" + run, "g-" + run + "-a1");
        given().auth().oauth2(Tokens.operator("ops")).contentType(ContentType.JSON).body(Map.of("zone", "UTC"))
                .put("/api/v1/routing/centres/test-utc").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        RoutingFlowTest.defineGroupAs(desk.group(), desk.skill(), "L1", "BASIC_OPERATIONS");
        RoutingFlowTest.defineAgent(desk.agent(), desk.group(), capacity, "AVAILABLE", "BASIC_OPERATIONS");
        return desk;
    }

    /** Another routing instance's claim (+1) or release (-1), straight in the database. */
    private void otherInstanceMovesLoad(String agent, int delta) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update agent set load = load + ?2 where id = ?1")
                .setParameter(1, agent).setParameter(2, delta).executeUpdate());
    }

    private static RoutingTicket ticket(String run, int n, String skill) {
        return new RoutingTicket("T-" + run + "-" + n, "c", CustomerTier.STANDARD, "en", skill, "technical." + skill, null,
                Priority.P3, false, null, SupportLevel.L1, null, null, null, Instant.now(), Set.of());
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable c = t; c != null && !all.contains(c); c = c.getCause()) {
            all.add(c);
        }
        return all;
    }

    private int loadOf(String agent) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select load from agent where id = ?1")
                .setParameter(1, agent).getSingleResult()).intValue());
    }

    private String statusOf(String ticket) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("select status from routed_ticket where id = ?1")
                .setParameter(1, ticket).getSingleResult());
    }

    private long count(String status, String group) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from routed_ticket where status = ?1 and group_id = ?2")
                .setParameter(1, status).setParameter(2, group).getSingleResult()).longValue());
    }
}
