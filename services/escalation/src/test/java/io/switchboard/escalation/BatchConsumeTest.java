package io.switchboard.escalation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.contracts.common.TicketClass;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.contracts.common.Urgency;
import io.switchboard.contracts.routing.AssignmentReason;
import io.switchboard.contracts.routing.TicketAssigned;
import io.switchboard.contracts.sla.CompensationReviewDue;
import io.switchboard.contracts.sla.ProgressUpdateDue;
import io.switchboard.contracts.sla.SlaEvent;
import io.switchboard.contracts.tickets.AcknowledgerKind;
import io.switchboard.contracts.tickets.NoteAuthorRole;
import io.switchboard.contracts.tickets.NoteVisibility;
import io.switchboard.contracts.tickets.TicketNoteAdded;
import io.switchboard.contracts.tickets.ResolutionCode;
import io.switchboard.contracts.tickets.TicketReclassified;
import io.switchboard.contracts.tickets.TicketResolved;
import io.switchboard.contracts.tickets.TicketStatusChanged;
import io.switchboard.escalation.clock.DueTimers;
import io.switchboard.escalation.events.RoutingEvents;
import io.switchboard.escalation.events.TicketEvents;
import io.switchboard.eventing.CloudEventHeaders;
import io.switchboard.eventing.Envelopes;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumers' batch path ({@code batch=true}: a poll's records in one transaction) against the real
 * PostgreSQL, registry and Kafka: the records are handed to the kit as one poll, exactly as the
 * connector would, and the same events of twin tickets one by one; both must come out the same.
 */
@QuarkusTest
@QuarkusTestResource(EscalationStack.class)
class BatchConsumeTest {

    private static final AtomicLong OFFSETS = new AtomicLong();

    @Inject
    EventSerde serde;

    @Inject
    EventConsumers consumers;

    @Inject
    TicketEvents ticketEvents;

    @Inject
    RoutingEvents routingEvents;

    @Inject
    EntityManager entityManager;

    @Inject
    DueTimers timers;

    @Test
    void aPollOfManyTicketsSettlesEachAsOneByOneWouldAPoisonRecordIsDeadLetteredAndARedeliveryChangesNothing() throws Exception {
        try (TicketFeed feed = new TicketFeed(serde).ready(); TopicProbe sla = TopicProbe.open(Topic.SLA.topicName());
             TopicProbe dlq = TopicProbe.open(Topic.TICKETS.deadLetterTopicName())) {
            Instant opened = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
            // A policy version applies to events after its publication: the histories start after the fast one's,
            // and the poll is applied once all of them (the last at +50 s) lie in the past.
            Instant since = TicketFeed.fastSince().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
            if (opened.isBefore(since)) {
                opened = since;
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), opened.plusSeconds(60)).toMillis()));
            }
            Map<String, String> twins = new HashMap<>(); // batched ticket -> its twin applied one by one
            List<ConsumerRecord<byte[], byte[]>> ticketBatch = new ArrayList<>();
            List<ConsumerRecord<byte[], byte[]>> routingBatch = new ArrayList<>();
            List<ConsumerRecord<byte[], byte[]>> ticketSingles = new ArrayList<>();
            List<ConsumerRecord<byte[], byte[]>> routingSingles = new ArrayList<>();
            List<List<ConsumerRecord<byte[], byte[]>>> histories = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String batched = TicketFeed.ticketId();
                String single = TicketFeed.ticketId();
                twins.put(batched, single);
                histories.add(history(batched, opened));
                ticketSingles.addAll(history(single, opened));
                routingBatch.add(record(Topic.ROUTING, batched, assigned(batched, opened.plusSeconds(50))));
                routingSingles.add(record(Topic.ROUTING, single, assigned(single, opened.plusSeconds(50))));
            }
            // The tickets' events interleaved, as the partitions of one poll mix them, each ticket's in its order.
            for (int step = 0; step < histories.get(0).size(); step++) {
                for (List<ConsumerRecord<byte[], byte[]>> history : histories) {
                    ticketBatch.add(history.get(step));
                }
            }
            ticketBatch.add(ticketBatch.get(0)); // the same event twice in one poll: applied once

            consumers.consumeAll(ticketEvents, ticketBatch);
            assertEquals(1, settledAt(twins.keySet()).size(), "one poll, one transaction: every ticket settled at the same instant");
            consumers.consumeAll(routingEvents, routingBatch);
            assertEquals(1, settledAt(twins.keySet()).size(), "one poll, one transaction: every ticket settled at the same instant");
            ticketSingles.forEach(r -> consumers.consume(ticketEvents, r));
            routingSingles.forEach(r -> consumers.consume(routingEvents, r));

            List<SlaEvent> events = feed.decode(sla.collect(r -> twins.keySet().stream().anyMatch(id -> TicketFeed.keyed(r, id))
                    || twins.values().stream().anyMatch(id -> TicketFeed.keyed(r, id)), Duration.ofSeconds(5)));
            // The histories reach L3: an incident's own timer adds its reminders at its own times, not the consumer's.
            Map<String, List<String>> notices = consumerNotices(events);
            for (Map.Entry<String, String> twin : twins.entrySet()) {
                List<String> batchedNotices = notices.getOrDefault(twin.getKey(), List.of());
                assertFalse(batchedNotices.isEmpty(), "the batched ticket's notices");
                assertEquals(notices.get(twin.getValue()), batchedNotices, "the same notices, in the same order, as one by one");
                assertEquals(batchedNotices.stream().distinct().toList(), batchedNotices, "each notice once: " + batchedNotices);
                assertEquals(view(twin.getValue()), view(twin.getKey()), "the same clocks as one by one");
                assertEquals(clockRows(twin.getValue()), clockRows(twin.getKey()), "the same at-risk rows as one by one");
            }
            assertTrue(notices.values().stream().flatMap(List::stream).anyMatch(n -> n.startsWith("SlaBreached")),
                    "the histories reach a breach (the batch settles at now): " + notices);

            Map<String, Object> before = new HashMap<>();
            twins.keySet().forEach(id -> before.put(id, view(id)));
            consumers.consumeAll(ticketEvents, ticketBatch);
            consumers.consumeAll(routingEvents, routingBatch);
            // The probe returns every matching record it has seen: the consumers' notices must be those of before.
            Map<String, List<String>> again = consumerNotices(feed.decode(sla.collect(r -> twins.keySet().stream()
                    .anyMatch(id -> TicketFeed.keyed(r, id)), Duration.ofSeconds(3))));
            twins.keySet().forEach(id -> assertEquals(notices.get(id), again.get(id), "a redelivered poll publishes nothing"));
            twins.keySet().forEach(id -> assertEquals(before.get(id), view(id), "a redelivered poll changes no clock"));
        }
    }

    @Test
    void aPoisonRecordInTheMiddleOfAPollIsDeadLetteredAndItsNeighboursAreAppliedOnce() throws Exception {
        try (TicketFeed feed = new TicketFeed(serde).ready(); TopicProbe sla = TopicProbe.open(Topic.SLA.topicName());
             TopicProbe dlq = TopicProbe.open(Topic.TICKETS.deadLetterTopicName())) {
            Instant opened = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String before = TicketFeed.ticketId();
            String after = TicketFeed.ticketId();
            String poison = "T-ESC-" + "x".repeat(130); // longer than a ticket id may be: the callback rejects it
            consumers.consumeAll(ticketEvents, List.of(
                    record(Topic.TICKETS, before, TicketFeed.opened(before, opened, "test.batch")),
                    record(Topic.TICKETS, poison, TicketFeed.opened(poison, opened, "test.batch")),
                    record(Topic.TICKETS, before, TicketFeed.ack(before, opened.plusSeconds(1), AcknowledgerKind.AGENT)),
                    record(Topic.TICKETS, after, TicketFeed.opened(after, opened, "test.batch"))));

            ConsumerRecord<byte[], byte[]> dead = dlq.awaitOne(r -> TicketFeed.keyed(r, poison)
                    && "escalation.tickets".equals(TopicProbe.header(r, "dlq.consumer.group")), Duration.ofSeconds(20));
            assertTrue(TopicProbe.header(dead, "dlq.reason").contains("ticketId must be 1-128 characters"), "why it was dead-lettered");
            Map<String, List<String>> notices = notices(feed.decode(sla.collect(r -> TicketFeed.keyed(r, before) || TicketFeed.keyed(r, after),
                    Duration.ofSeconds(4))));
            for (String id : List.of(before, after)) {
                List<String> its = notices.getOrDefault(id, List.of());
                assertEquals(1, count(its, "SlaClockStarted FIRST_RESPONSE"), "the neighbour was applied: " + its);
                assertEquals(its.stream().distinct().toList(), its, "once: " + its);
            }
            assertEquals(1, count(notices.get(before), "SlaClockStopped FIRST_RESPONSE"), "both its events applied: " + notices.get(before));
        }
    }

    @Test
    void batchesAndTimersSettlingTheSameTicketsAndIncidentsNeitherDeadlockNorFireTwice() throws Exception {
        try (TicketFeed feed = new TicketFeed(serde).ready(); TopicProbe sla = TopicProbe.open(Topic.SLA.topicName())) {
            Instant opened = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ids.add(TicketFeed.ticketId());
            }
            consumers.consumeAll(ticketEvents, ids.stream().map(id -> record(Topic.TICKETS, id, TicketFeed.opened(id, opened, "test.fast"))).toList());
            // Two incidents over every ticket: a resolve re-plans both, so each settling transaction locks both.
            List<String> reversed = new ArrayList<>(ids);
            java.util.Collections.reverse(reversed);
            for (List<String> linked : List.of(ids, reversed)) {
                given().auth().oauth2(Tokens.supervisor("sup-1")).contentType(io.restassured.http.ContentType.JSON)
                        .body(Map.of("summary", "storage cluster down", "ticketIds", linked)).post("/api/v1/sla/major-incidents").then().statusCode(201);
            }
            long deadlocksBefore = deadlocks();
            // The service's own poller plus two racing firers, while a poll of each topic settles the same tickets.
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            List<java.util.concurrent.Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                work.add(pool.submit(() -> {
                    while (System.nanoTime() < until) {
                        timers.fireDue();
                    }
                }));
            }
            work.add(pool.submit(() -> {
                sleepUntil(opened.plusMillis(3800));
                consumers.consumeAll(ticketEvents, ids.stream().map(id -> record(Topic.TICKETS, id,
                        TicketFeed.ack(id, Instant.now(), AcknowledgerKind.SYSTEM))).toList());
                sleepUntil(opened.plusMillis(5000));
                consumers.consumeAll(ticketEvents, reversed.stream().map(id -> record(Topic.TICKETS, id, resolved(id, Instant.now()))).toList());
            }));
            work.add(pool.submit(() -> {
                sleepUntil(opened.plusMillis(3800));
                consumers.consumeAll(routingEvents, reversed.stream().map(id -> record(Topic.ROUTING, id, assigned(id, Instant.now()))).toList());
            }));
            for (java.util.concurrent.Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            Thread.sleep(1500); // PostgreSQL publishes its statistics at most once a second
            assertEquals(deadlocksBefore, deadlocks(), "no deadlock between the batches and the timers");

            Map<String, List<String>> notices = notices(feed.decode(sla.collect(r -> ids.stream().anyMatch(id -> TicketFeed.keyed(r, id)),
                    Duration.ofSeconds(3))));
            for (String id : ids) {
                List<String> its = notices.getOrDefault(id, List.of());
                assertEquals(1, count(its, "SlaBreached FIRST_RESPONSE"), "one breach: " + its);
                assertEquals(2, count(its, "SlaWarning FIRST_RESPONSE"), "two warnings: " + its);
                List<String> clockNotices = its.stream().filter(n -> n.contains(" ")).toList(); // those of one clock: each once
                assertEquals(clockNotices.stream().distinct().toList(), clockNotices, "no notice twice: " + its);
                assertEquals(1, count(its, "SlaClockStopped RESOLUTION"), "resolved in the second poll: " + its);
            }
        }
    }

    private static TicketResolved resolved(String id, Instant at) {
        return TicketResolved.newBuilder().setTicketId(id).setCustomerId("cust-esc").setChannel(io.switchboard.contracts.common.Channel.WEB_CONSOLE)
                .setLanguage("en").setResolutionCode(ResolutionCode.FIXED).setFirstContactResolution(false).setResolvedBy("agent-1")
                .setResolvedAt(at).build();
    }

    private static void sleepUntil(Instant at) {
        long millis = Duration.between(Instant.now(), at).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private long deadlocks() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select deadlocks from pg_stat_database where datname = current_database()").getSingleResult()).longValue());
    }

    /** A ticket's life up to an expert's assignment: opened, answered, waiting on the customer, raised to L2 and P2, resumed, updated. */
    private List<ConsumerRecord<byte[], byte[]>> history(String id, Instant opened) {
        List<SpecificRecord> events = List.of(
                TicketFeed.opened(id, opened, "test.batch"),
                TicketFeed.ack(id, opened.plusSeconds(5), AcknowledgerKind.SYSTEM),
                TicketFeed.ack(id, opened.plusSeconds(10), AcknowledgerKind.AGENT),
                status(id, TicketStatus.OPEN, TicketStatus.WAITING_ON_CUSTOMER, opened.plusSeconds(20)),
                TicketReclassified.newBuilder().setTicketId(id).setTicketClass(TicketClass.TECHNICAL).setCategory("test.fast").setProduct("ecs")
                        .setImpact(Impact.SIGNIFICANT).setUrgency(Urgency.HIGH).setPriority(Priority.P2).setSupportLevel(SupportLevel.L2)
                        .setPreviousCategory("test.batch").setPreviousPriority(Priority.P3).setReason("outgrew first line")
                        .setReclassifiedBy("sup-1").setReclassifiedAt(opened.plusSeconds(30)).build(),
                status(id, TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.OPEN, opened.plusSeconds(40)),
                TicketNoteAdded.newBuilder().setTicketId(id).setNoteId("n-" + id).setAuthorId("agent-1").setAuthorRole(NoteAuthorRole.AGENT)
                        .setVisibility(NoteVisibility.PUBLIC).setProgressUpdate(true).setText("looking into it").setAddedAt(opened.plusSeconds(45)).build());
        return events.stream().map(e -> record(Topic.TICKETS, id, e)).toList();
    }

    private static TicketStatusChanged status(String id, TicketStatus from, TicketStatus to, Instant at) {
        return TicketStatusChanged.newBuilder().setTicketId(id).setFromStatus(from).setToStatus(to).setChangedBy("agent-1").setChangedAt(at).build();
    }

    private static TicketAssigned assigned(String id, Instant at) {
        return TicketAssigned.newBuilder().setTicketId(id).setAgentId("agent-l2").setSkillGroupId("ecs-l2").setSupportLevel(SupportLevel.L2)
                .setReason(AssignmentReason.ESCALATION).setAssignedAt(at).build();
    }

    /** A record as the connector hands it over: envelope value, CloudEvents headers, key the ticket id. */
    private ConsumerRecord<byte[], byte[]> record(Topic topic, String key, SpecificRecord payload) {
        SpecificRecord envelope = Envelopes.wrap(topic, key, payload, topic.producer(), Instant.now(), null);
        EventMetadata meta = EventMetadata.of(envelope);
        byte[] value = serde.serialize(topic, envelope);
        return new ConsumerRecord<>(topic.topicName(), 0, OFFSETS.incrementAndGet(), System.currentTimeMillis(), TimestampType.CREATE_TIME,
                key.length(), value.length, key.getBytes(StandardCharsets.UTF_8), value,
                CloudEventHeaders.of(meta.eventId(), meta.cloudEventType(), meta.producer(), meta.subject(), meta.occurredAt()), Optional.empty());
    }

    /**
     * Each ticket's notices in their order: the payload type and, where it has them, the target and what
     * tells one notice of a clock from another (threshold, the cycle's start, its stop and outcome).
     */
    private static Map<String, List<String>> notices(List<SlaEvent> events) {
        Map<String, List<String>> notices = new HashMap<>();
        for (SlaEvent event : events) {
            SpecificRecord payload = (SpecificRecord) event.getPayload();
            StringBuilder notice = new StringBuilder(payload.getClass().getSimpleName());
            for (String name : List.of("target", "thresholdPercent", "startedAt", "stoppedAt", "outcome")) {
                Schema.Field field = payload.getSchema().getField(name);
                if (field != null) {
                    notice.append(' ').append(payload.get(field.pos()));
                }
            }
            notices.computeIfAbsent(event.getSubject(), s -> new ArrayList<>()).add(notice.toString());
        }
        return notices;
    }

    /** The notices the consumers publish: not the reminders an incident's own timer adds at its own times. */
    private static Map<String, List<String>> consumerNotices(List<SlaEvent> events) {
        return notices(events.stream().filter(e -> !(e.getPayload() instanceof ProgressUpdateDue
                || e.getPayload() instanceof CompensationReviewDue)).toList());
    }

    private static long count(List<String> notices, String prefix) {
        return notices.stream().filter(n -> n.startsWith(prefix)).count();
    }

    /** The ticket view less what moves with the second it is read at and the ticket's own id. */
    private static Object view(String id) {
        Map<String, Object> view = new HashMap<>(given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/sla/tickets/" + id)
                .then().statusCode(200).extract().jsonPath().getMap(""));
        view.remove("ticketId");
        if (view.get("majorIncidentId") != null) {
            view.put("majorIncidentId", "MI-<ticket id>"); // the ticket's own incident is named after it
        }
        List<Map<String, Object>> clocks = new ArrayList<>();
        for (Object clock : (List<?>) view.get("clocks")) {
            Map<String, Object> c = new HashMap<>((Map<String, Object>) clock);
            c.remove("usedSeconds");
            c.remove("percentUsed");
            clocks.add(c);
        }
        view.put("clocks", clocks);
        return view;
    }

    /** The distinct instants the tickets were last settled at. */
    private java.util.Set<Object> settledAt(java.util.Collection<String> ids) {
        return QuarkusTransaction.requiringNew().call(() -> new java.util.HashSet<>(entityManager.createNativeQuery(
                "select updated_at from sla_ticket where ticket_id in (?1)").setParameter(1, ids).getResultList()));
    }

    private List<String> clockRows(String id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("select clock_key, metric, state, "
                + "target_seconds, started_at, stopped_at, due_at from sla_clock where ticket_id = ?1 order by clock_key").setParameter(1, id).getResultList());
        return rows.stream().map(r -> java.util.Arrays.toString(r)).toList();
    }
}
