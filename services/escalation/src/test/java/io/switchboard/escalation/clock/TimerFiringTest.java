package io.switchboard.escalation.clock;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.sla.SlaBreached;
import io.switchboard.contracts.sla.SlaEvent;
import io.switchboard.contracts.sla.SlaWarning;
import io.switchboard.escalation.TicketFeed;
import io.switchboard.eventing.EventSerde;
import io.switchboard.escalation.EscalationStack;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The durable timers against the real PostgreSQL and Kafka: each fires once, whoever races for it and whenever a poller runs. */
@QuarkusTest
@QuarkusTestResource(EscalationStack.class)
class TimerFiringTest {

    @Inject
    EventSerde serde;

    @Inject
    DueTimers timers;

    @Test
    void pollersRacingForTheSameDueTimersFireEachOnce() throws Exception {
        try (TicketFeed feed = new TicketFeed(serde).ready(); TopicProbe sla = TopicProbe.open(Topic.SLA.topicName())) {
            Set<String> ids = new HashSet<>();
            Instant opened = Instant.now();
            for (int i = 0; i < 40; i++) {
                String id = TicketFeed.ticketId();
                ids.add(id);
                feed.send(id, TicketFeed.opened(id, opened, "test.fast"));
            }
            // Three more firers beside the service's own poller, each its own transaction and connection,
            // as other instances would be: every due row is claimed by one of them only.
            ExecutorService pool = Executors.newFixedThreadPool(3);
            long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            List<Future<Integer>> firers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                firers.add(pool.submit(() -> {
                    int fired = 0;
                    while (System.nanoTime() < until) {
                        fired += timers.fireDue();
                    }
                    return fired;
                }));
            }
            int firedByRacers = 0;
            for (Future<Integer> f : firers) {
                firedByRacers += f.get();
            }
            pool.shutdown();
            List<SlaEvent> events = feed.decode(sla.collect(r -> ids.stream().anyMatch(id -> TicketFeed.keyed(r, id)), Duration.ofSeconds(2)));
            Map<String, Long> breaches = events.stream().filter(e -> e.getPayload() instanceof SlaBreached)
                    .collect(Collectors.groupingBy(SlaEvent::getSubject, Collectors.counting()));
            Map<String, Long> warnings = events.stream().filter(e -> e.getPayload() instanceof SlaWarning)
                    .collect(Collectors.groupingBy(SlaEvent::getSubject, Collectors.counting()));
            assertEquals(ids, breaches.keySet(), "every ticket breached");
            assertTrue(breaches.values().stream().allMatch(n -> n == 1), "each breach once: " + breaches);
            assertTrue(warnings.values().stream().allMatch(n -> n == 2), "each warning once: " + warnings);
            assertTrue(firedByRacers > 0, "the racing firers took part");
        }
    }

    @Test
    void aTimerThatFellDueWhileNoPollerRanFiresOnceWhenOneStarts() throws Exception {
        try (TicketFeed feed = new TicketFeed(serde).ready(); TopicProbe sla = TopicProbe.open(Topic.SLA.topicName())) {
            String id = TicketFeed.ticketId();
            timers.stopFiring();
            try {
                Instant opened = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                feed.send(id, TicketFeed.opened(id, opened, "test.fast"));
                List<SlaEvent> whileDown = feed.slaEvents(sla, id, Duration.ofSeconds(6));
                assertEquals(0, whileDown.stream().filter(e -> e.getPayload() instanceof SlaBreached).count(), "no poller, no breach yet");
                given().auth().oauth2(Tokens.agent("agent-1")).get("/api/v1/sla/tickets/" + id).then().statusCode(200);
            } finally {
                timers.startFiring();
            }
            List<SlaEvent> after = feed.slaEvents(sla, id, Duration.ofSeconds(3));
            List<SlaBreached> breaches = after.stream().map(SlaEvent::getPayload).filter(SlaBreached.class::isInstance).map(SlaBreached.class::cast).toList();
            assertEquals(1, breaches.size(), "fired once after the start: " + after);
            assertEquals(2, after.stream().filter(e -> e.getPayload() instanceof SlaWarning).count());
        }
    }
}
