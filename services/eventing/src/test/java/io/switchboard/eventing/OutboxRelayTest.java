package io.switchboard.eventing;

import io.switchboard.eventing.postgres.Outbox;
import io.switchboard.eventing.postgres.OutboxHealth;
import io.switchboard.eventing.postgres.OutboxMetrics;
import io.switchboard.eventing.postgres.OutboxRelay;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.contracts.tickets.TicketStatusChanged;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.health.Readiness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The producing side: an event exists on Kafka exactly when its state change was committed. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class OutboxRelayTest {

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    Ledger ledger;

    @Inject
    OutboxMetrics metrics;
    @Inject
    @Readiness
    OutboxHealth health;
    @Inject
    EntityManager entityManager;

    @AfterEach
    void relayRunsAgain() {
        relay.faultBeforeMarking(null);
        relay.start();
    }

    @Test
    void aRecordKafkaRefusesIsParkedItsKeyWaitsAndTheOthersGoOutOnce() {
        // Five keys; the 38th of 101 events is 2 MB, over the producer's max.request.size (1 MB),
        // on key 2: the 7 earlier events of key 2 go out, the 12 later ones wait behind it.
        List<String> keys = IntStream.range(0, 5).mapToObj(i -> TestEvents.uniqueTicket("park-" + i + "-")).toList();
        String bigKey = keys.get(2);
        int bigIndex = 37;
        List<Outbox.Message> messages = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            String key = keys.get(i % keys.size());
            messages.add(new Outbox.Message(key, i == bigIndex ? hugeStatusChange(key) : TestEvents.statusChanged(key)));
        }
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            QuarkusTransaction.requiringNew().run(() -> outbox.publishAll(Topic.TICKETS, messages));
            List<Object[]> rows = outboxRows(keys);
            assertEquals(101, rows.size(), "all 101 events were written");
            String bigEventId = (String) rows.get(bigIndex)[1];
            List<Object[]> expected = new ArrayList<>();
            List<Object[]> waiting = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (i == bigIndex) {
                    continue;
                }
                (bigKey.equals(rows.get(i)[2]) && i > bigIndex ? waiting : expected).add(rows.get(i));
            }
            assertEquals(88, expected.size());
            assertEquals(12, waiting.size());
            Predicate<ConsumerRecord<byte[], byte[]>> ours = r -> keys.contains(new String(r.key(), StandardCharsets.UTF_8));

            tickets.await(ours, expected.size(), Duration.ofSeconds(60));
            // Long enough for a relay that rolls the batch back every second to send it again.
            List<ConsumerRecord<byte[], byte[]>> arrived = tickets.collect(ours, Duration.ofSeconds(4));

            Map<String, Long> copies = arrived.stream().collect(Collectors.groupingBy(
                    r -> TopicProbe.header(r, "ce_id"), Collectors.counting()));
            for (Object[] row : expected) {
                assertEquals(1L, copies.getOrDefault((String) row[1], 0L), "event " + row[1] + " arrived once");
            }
            assertEquals(expected.size(), arrived.size(), "nothing else arrived: not the big one, not those behind it");
            for (String key : keys) {
                List<String> sent = expected.stream().filter(row -> key.equals(row[2])).map(row -> (String) row[1]).toList();
                List<String> received = arrived.stream().filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8)))
                        .map(r -> TopicProbe.header(r, "ce_id")).toList();
                assertEquals(sent, received, "the events of " + key + " arrived in the order they were written");
            }

            Object[] parked = parkedState(bigEventId);
            assertNotNull(parked[0], "the big row is parked");
            String reason = (String) parked[1];
            assertTrue(reason.startsWith("org.apache.kafka.common.errors.RecordTooLargeException"), reason);
            assertTrue(reason.contains("max.request.size"), "refused by the producer: " + reason);
            for (Object[] row : waiting) {
                Object[] state = parkedState((String) row[1]);
                assertNotNull(state, "a later row with the big row's key waits in the outbox");
                assertNull(state[0], "it waits, it is not parked itself");
            }
            assertTrue(metrics.parked() >= 1, "the parked gauge counts it");
            assertTrue(metrics.backlog() >= 1 + waiting.size(), "the backlog gauge counts it and the rows behind it");
            var check = health.call();
            assertEquals("UP", check.getStatus().name());
            assertTrue(Long.parseLong(check.getData().orElseThrow().get("parked").toString()) >= 1, "the health check shows it");

            // The operator gives up on the big event (docs/operations.md): the rows behind it go out, in order.
            int dropped = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                    "delete from outbox_event where event_id = ?1 and parked_at is not null").setParameter(1, bigEventId).executeUpdate());
            assertEquals(1, dropped);
            List<String> released = tickets.await(r -> bigKey.equals(new String(r.key(), StandardCharsets.UTF_8)),
                            7 + waiting.size(), Duration.ofSeconds(30)).stream()
                    .map(r -> TopicProbe.header(r, "ce_id")).toList();
            assertEquals(waiting.stream().map(row -> (String) row[1]).toList(), released.subList(7, released.size()));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "delete from outbox_event where record_key in (:keys)").setParameter("keys", keys).executeUpdate());
        }
    }

    @Test
    void aRowForAMissingTopicIsParkedAfterTheMetadataWaitAndOtherKeysGoOn() {
        String missingTopic = "support.missing-" + UUID.randomUUID() + ".v1";
        String ticket = TestEvents.uniqueTicket("missing-topic-");
        String other = TestEvents.uniqueTicket("beside-missing-topic-");
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            EventMetadata lost = QuarkusTransaction.requiringNew().call(() -> {
                EventMetadata event = outbox.publish(Topic.TICKETS, ticket, TestEvents.statusChanged(ticket));
                // A row for a topic the cluster does not have, as a misconfigured producer would write it.
                entityManager.createNativeQuery("update outbox_event set topic = ?1 where event_id = ?2")
                        .setParameter(1, missingTopic).setParameter(2, event.eventId()).executeUpdate();
                return event;
            });
            EventMetadata next = QuarkusTransaction.requiringNew().call(
                    () -> outbox.publish(Topic.TICKETS, other, TestEvents.statusChanged(other)));

            tickets.awaitOne(byEventId(next.eventId()), Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).until(() -> parkedState(lost.eventId())[0] != null);
            String reason = (String) parkedState(lost.eventId())[1];
            assertTrue(reason.startsWith("org.apache.kafka.common.errors.UnknownTopicOrPartitionException"), reason);
            assertTrue(reason.contains(missingTopic), reason);
            assertEquals(1, tickets.collect(byEventId(next.eventId()), Duration.ofSeconds(3)).size(), "the other key's event went out once");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "delete from outbox_event where record_key in (?1, ?2)").setParameter(1, ticket).setParameter(2, other).executeUpdate());
        }
    }

    @Test
    void eventsSentThenTheRelayDiesBeforeDeletingThemAreSentOnceMoreAndAppliedOnce() throws Exception {
        List<String> tickets = IntStream.range(0, 3).mapToObj(i -> TestEvents.uniqueTicket("crash-after-send-")).toList();
        try (TopicProbe topic = TopicProbe.open(Topic.TICKETS.topicName())) {
            relay.stop();
            CountDownLatch crashed = new CountDownLatch(1);
            relay.faultBeforeMarking(() -> {
                crashed.countDown();
                throw new SimulatedCrash();
            });
            List<String> eventIds = QuarkusTransaction.requiringNew().call(() -> {
                List<String> ids = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    for (String ticket : tickets) {
                        ids.add(outbox.publish(Topic.TICKETS, ticket, TestEvents.statusChanged(ticket)).eventId());
                    }
                }
                return ids;
            });
            Predicate<ConsumerRecord<byte[], byte[]>> ours = r -> eventIds.contains(TopicProbe.header(r, "ce_id"));

            relay.start();
            assertTrue(crashed.await(30, TimeUnit.SECONDS), "the relay reached the fault point");
            topic.await(ours, eventIds.size(), Duration.ofSeconds(30));
            relay.stop(); // the dead relay's process is gone
            relay.faultBeforeMarking(null);
            assertEquals(eventIds.size(), outboxRows(tickets).size(), "the rows were not deleted: the relay died first");

            relay.start(); // a new process
            await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(tickets).isEmpty());
            await().atMost(Duration.ofSeconds(60)).until(() -> tickets.stream().allMatch(t -> ledgerEntries(t) >= 3));
            List<ConsumerRecord<byte[], byte[]>> copies = topic.collect(ours, Duration.ofSeconds(3));
            Map<String, Long> byEvent = copies.stream().collect(Collectors.groupingBy(r -> TopicProbe.header(r, "ce_id"), Collectors.counting()));
            for (String eventId : eventIds) {
                long count = byEvent.getOrDefault(eventId, 0L);
                assertTrue(count >= 1 && count <= 2, "event " + eventId + " is on the topic once or twice, not " + count);
            }
            assertTrue(byEvent.values().stream().anyMatch(c -> c == 2), "the restarted relay sent the batch again");
            for (String ticket : tickets) {
                assertEquals(3, ledgerEntries(ticket), "the idempotent consumer applied each event of " + ticket + " once");
            }
        }
    }

    /** What a crash looks like to the relay's thread: not an exception it handles, it just ends. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash after the acknowledgements, before the delete");
        }
    }

    private static TicketStatusChanged hugeStatusChange(String ticket) {
        TicketStatusChanged event = TestEvents.statusChanged(ticket);
        event.setReason("x".repeat(2 * 1024 * 1024));
        return event;
    }

    /** id, event id, key and parked_at of the outbox rows with these keys, in id order. */
    @SuppressWarnings("unchecked")
    private List<Object[]> outboxRows(List<String> keys) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select id, event_id, record_key, parked_at from outbox_event where record_key in (:keys) order by id")
                .setParameter("keys", keys).getResultList());
    }

    /** parked_at and park_reason of the event's row, or null when it has no row. */
    @SuppressWarnings("unchecked")
    private Object[] parkedState(String eventId) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select parked_at, park_reason from outbox_event where event_id = ?1")
                .setParameter(1, eventId).getResultList());
        return rows.isEmpty() ? null : rows.get(0);
    }

    private long ledgerEntries(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> ledger.entries(subject));
    }

    @Test
    void anEventCommittedWhileTheRelayIsDownIsPublishedOnceItRunsAgain() {
        String ticket = TestEvents.uniqueTicket("crash-");
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            // The process "crashes" between commit and publish: nothing is sending.
            relay.stop();
            EventMetadata event = QuarkusTransaction.requiringNew().call(() -> {
                ledger.record(ticket, "state-change");
                return outbox.publish(Topic.TICKETS, ticket, TestEvents.statusChanged(ticket));
            });
            assertTrue(tickets.collect(byEventId(event.eventId()), Duration.ofSeconds(1)).isEmpty(), "nothing sent while down");
            assertEquals(1, QuarkusTransaction.requiringNew().call(() -> ledger.outboxRows(event.eventId())), "the event waits in the outbox");

            relay.start();

            ConsumerRecord<byte[], byte[]> record = tickets.awaitOne(byEventId(event.eventId()), Duration.ofSeconds(20));
            assertEquals(ticket, new String(record.key()));
            assertEquals("io.switchboard.contracts.tickets.TicketStatusChanged", TopicProbe.header(record, "ce_type"));
            assertEquals("/switchboard/eventing-test", TopicProbe.header(record, "ce_source"));
            assertEquals(ticket, TopicProbe.header(record, "ce_subject"));
            assertEquals("1.0", TopicProbe.header(record, "ce_specversion"));
            assertEquals(event.occurredAt().toString(), TopicProbe.header(record, "ce_time"));
            List<ConsumerRecord<byte[], byte[]>> again = tickets.collect(byEventId(event.eventId()), Duration.ofSeconds(1));
            assertEquals(1, again.size(), "published once");
            assertEquals(0, QuarkusTransaction.requiringNew().call(() -> ledger.outboxRows(event.eventId())), "the outbox row is gone");
        }
    }

    @Test
    void aRolledBackChangePublishesNothing() {
        String ticket = TestEvents.uniqueTicket("rollback-");
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                ledger.record(ticket, "state-change");
                outbox.publish(Topic.TICKETS, ticket, TestEvents.statusChanged(ticket));
                throw new IllegalStateException("the business rule fails after the event was written");
            }));
            assertTrue(tickets.collect(r -> ticket.equals(TopicProbe.header(r, "ce_subject")), Duration.ofSeconds(2)).isEmpty());
            assertEquals(0, QuarkusTransaction.requiringNew().call(() -> ledger.entries(ticket)));
        }
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        String ticket = TestEvents.uniqueTicket("no-tx-");
        assertThrows(Exception.class, () -> outbox.publish(Topic.TICKETS, ticket, TestEvents.statusChanged(ticket)));
    }

    @Test
    void anEventOfAnotherTopicIsRefused() {
        String ticket = TestEvents.uniqueTicket("wrong-topic-");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew().run(
                () -> outbox.publish(Topic.ROUTING, ticket, TestEvents.statusChanged(ticket))));
        assertTrue(error.getMessage().contains("support.routing.v1"), error.getMessage());
    }

    static java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> byEventId(String eventId) {
        return record -> eventId.equals(TopicProbe.header(record, "ce_id"));
    }
}
