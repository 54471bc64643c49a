package io.switchboard.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.contracts.sla.EscalationReason;
import io.switchboard.contracts.sla.SlaBreached;
import io.switchboard.contracts.sla.SlaClockOutcome;
import io.switchboard.contracts.sla.SlaClockStarted;
import io.switchboard.contracts.sla.SlaClockStopped;
import io.switchboard.contracts.sla.SlaEvent;
import io.switchboard.contracts.sla.SlaTarget;
import io.switchboard.contracts.sla.SlaWarning;
import io.switchboard.contracts.sla.TicketEscalated;
import io.switchboard.contracts.tickets.AcknowledgerKind;
import io.switchboard.contracts.tickets.TicketStatusChanged;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ticket events in through the real topic, SLA events out on support.sla.v1 at their time (policy: category test.fast, targets of seconds). */
@QuarkusTest
@QuarkusTestResource(EscalationStack.class)
class SlaFlowTest {

    @Inject
    EventSerde serde;

    static <T> List<T> payloads(List<SlaEvent> events, Class<T> type) {
        return events.stream().map(SlaEvent::getPayload).filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void warningsAndTheBreachArriveWithinASecondOfTheirTimeAndOnlyAPersonsAnswerStopsTheClock() throws Exception {
        try (TicketFeed feed = new TicketFeed(serde).ready(); TopicProbe sla = TopicProbe.open(Topic.SLA.topicName())) {
            String id = TicketFeed.ticketId();
            Instant opened = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            feed.send(id, TicketFeed.opened(id, opened, "test.fast"));
            feed.send(id, TicketFeed.ack(id, opened.plusMillis(500), AcknowledgerKind.SYSTEM));

            List<ConsumerRecord<byte[], byte[]>> records = sla.await(r -> TicketFeed.keyed(r, id) && feed.decode(List.of(r)).get(0)
                    .getPayload() instanceof SlaBreached, 1, Duration.ofSeconds(20));
            ConsumerRecord<byte[], byte[]> breachRecord = records.get(0);
            SlaBreached breach = (SlaBreached) feed.decode(records).get(0).getPayload();
            assertEquals(SlaTarget.FIRST_RESPONSE, breach.getTarget(), "the monitoring acknowledge did not stop first response");
            assertEquals(opened.plusSeconds(4), breach.getDueAt());
            long lag = breachRecord.timestamp() - breach.getDueAt().toEpochMilli();
            assertTrue(lag >= 0 && lag < 1000, "breach on the topic " + lag + " ms after it fell due");
            assertEquals(4, breach.getTargetSeconds());
            assertEquals("cust-esc", breach.getCustomerId());
            assertEquals("test.fast", breach.getCategory());
            assertEquals("ecs", breach.getProduct());
            assertTrue(breach.getPolicyVersion() > 1, "the test's policy version");

            given().auth().oauth2(Tokens.supervisor("sup-1")).get("/api/v1/sla/at-risk?limit=1000").then().statusCode(200)
                    .body("ticketId", hasItem(id));

            feed.send(id, TicketFeed.ack(id, Instant.now(), AcknowledgerKind.AGENT));
            List<SlaEvent> events = feed.decode(sla.await(r -> TicketFeed.keyed(r, id) && feed.decode(List.of(r)).get(0)
                    .getPayload() instanceof SlaClockStopped, 1, Duration.ofSeconds(10)));
            events = feed.decode(sla.collect(r -> TicketFeed.keyed(r, id), Duration.ofMillis(300)));

            List<SlaClockStarted> started = payloads(events, SlaClockStarted.class);
            assertEquals(List.of(SlaTarget.FIRST_RESPONSE, SlaTarget.EXPERT_JOIN, SlaTarget.RESOLUTION),
                    started.stream().map(SlaClockStarted::getTarget).sorted().toList(), "at L2 an expert is due within 2 h");
            assertEquals(opened, started.get(0).getStartedAt(), "from when the problem was received");
            List<SlaWarning> warnings = payloads(events, SlaWarning.class).stream().filter(w -> w.getTarget() == SlaTarget.FIRST_RESPONSE).toList();
            assertEquals(List.of(75, 90), warnings.stream().map(SlaWarning::getThresholdPercent).toList());
            TicketEscalated escalated = payloads(events, TicketEscalated.class).get(0);
            assertEquals(EscalationReason.SLA_BREACH, escalated.getReason());
            assertEquals("L2", escalated.getToLevel().name());
            SlaClockStopped stopped = payloads(events, SlaClockStopped.class).get(0);
            assertEquals(SlaTarget.FIRST_RESPONSE, stopped.getTarget());
            assertEquals(SlaClockOutcome.MISSED, stopped.getOutcome());

            given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/sla/tickets/" + id).then().statusCode(200)
                    .body("supportLevel", is("L2"))
                    .body("clocks.find { it.key == 'FIRST_RESPONSE#1' }.state", is("MISSED"))
                    .body("clocks.find { it.key == 'FIRST_RESPONSE#1' }.warningsSent", is(List.of(75, 90)))
                    .body("clocks.find { it.key == 'FIRST_RESPONSE#1' }.breachSent", is(true))
                    .body("clocks.find { it.key == 'RESOLUTION#1' }.targetSeconds", is(20))
                    .body("policy[0].reason", is("opened"));
        }
    }

    @Test
    void redeliveredEventsChangeNothing() throws Exception {
        try (TicketFeed feed = new TicketFeed(serde).ready(); TopicProbe sla = TopicProbe.open(Topic.SLA.topicName())) {
            String id = TicketFeed.ticketId();
            Instant opened = Instant.now();
            SpecificRecord open = feed.send(id, TicketFeed.opened(id, opened, "test.fast"));
            SpecificRecord waiting = feed.send(id, TicketStatusChanged.newBuilder().setTicketId(id).setFromStatus(TicketStatus.OPEN)
                    .setToStatus(TicketStatus.WAITING_ON_CUSTOMER).setChangedBy("agent-1").setChangedAt(opened.plusSeconds(1)).build());
            feed.resend(Topic.TICKETS, open);
            feed.resend(Topic.TICKETS, waiting);
            feed.resend(Topic.TICKETS, open);

            List<SlaEvent> events = feed.slaEvents(sla, id, Duration.ofSeconds(7));
            Map<SlaTarget, Long> starts = payloads(events, SlaClockStarted.class).stream()
                    .collect(Collectors.groupingBy(SlaClockStarted::getTarget, Collectors.counting()));
            assertEquals(Map.of(SlaTarget.FIRST_RESPONSE, 1L, SlaTarget.RESOLUTION, 1L, SlaTarget.EXPERT_JOIN, 1L), starts, "one start per clock: " + events);
            assertEquals(1, payloads(events, SlaBreached.class).size(), "first response breaches once: " + events);
            given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/sla/tickets/" + id).then().statusCode(200)
                    .body("clocks.find { it.key == 'RESOLUTION#1' }.state", is("PAUSED"))
                    .body("clocks.find { it.key == 'RESOLUTION#1' }.usedSeconds", is(1));
        }
    }

    @Test
    void anUnknownEventTypeIsSkippedAndAPoisonRecordGoesToTheDeadLetterTopicWithoutStoppingTheTicket() throws Exception {
        try (TicketFeed feed = new TicketFeed(serde).ready(); TopicProbe dlq = TopicProbe.open(Topic.TICKETS.deadLetterTopicName())) {
            String id = TicketFeed.ticketId();
            RecordHeaders unknown = new RecordHeaders();
            unknown.add("ce_type", "io.switchboard.contracts.tickets.TicketMerged".getBytes(StandardCharsets.UTF_8));
            feed.raw(Topic.TICKETS.topicName(), id, "a later producer's event".getBytes(StandardCharsets.UTF_8), unknown);
            feed.raw(Topic.TICKETS.topicName(), id, "not avro".getBytes(StandardCharsets.UTF_8), new RecordHeaders());
            feed.send(id, TicketFeed.opened(id, Instant.now(), "test.fast"));

            List<ConsumerRecord<byte[], byte[]>> dead = dlq.await(r -> TicketFeed.keyed(r, id)
                    && "escalation.tickets".equals(TopicProbe.header(r, "dlq.consumer.group")), 1, Duration.ofSeconds(30));
            assertEquals("not avro", new String(dead.get(0).value(), StandardCharsets.UTF_8));
            long start = System.nanoTime();
            while (given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/sla/tickets/" + id).statusCode() != 200) {
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "the ticket behind the poison record was not applied");
                Thread.sleep(100);
            }
            assertEquals(1, dlq.collect(r -> TicketFeed.keyed(r, id) && "escalation.tickets".equals(TopicProbe.header(r, "dlq.consumer.group")),
                    Duration.ofSeconds(1)).size(), "the unknown type was skipped, not dead-lettered");
        }
    }
}
