package io.switchboard.eventing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.testkit.LocalStackResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A channel that takes a poll's records at once ({@link EventConsumers#consumeAll}): records in one
 * transaction, a redelivered event still once, and an event the handler rejects leaves no effect of
 * its own while the others of its batch take theirs (the batch falls back to one by one).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class BatchConsumerTest {

    @Inject
    EventSerde serde;
    @Inject
    Ledger ledger;
    @Inject
    BatchLedger batchLedger;

    @Test
    void aBatchAppliesEachEventOnceAndARejectedOneAlone() throws Exception {
        String key = TestEvents.uniqueTicket("batch-");
        String twice = TestEvents.uniqueTicket("twice-");
        String rejected = TestEvents.uniqueTicket("reject-");
        String marker = TestEvents.uniqueTicket("marker-");
        byte[] twiceBytes = serde.serialize(Topic.TICKETS, TestEvents.envelope(twice));
        try (RawProducer producer = new RawProducer()) {
            // One key, so one partition, in this order; a poll takes what is there (a batch or several).
            for (int i = 0; i < 20; i++) {
                producer.send(Topic.TICKETS.topicName(), key, serde.serialize(Topic.TICKETS, TestEvents.envelope(key + "-" + i)));
            }
            producer.send(Topic.TICKETS.topicName(), key, twiceBytes);
            producer.send(Topic.TICKETS.topicName(), key, serde.serialize(Topic.TICKETS, TestEvents.envelope(rejected)));
            producer.send(Topic.TICKETS.topicName(), key, twiceBytes);
            producer.send(Topic.TICKETS.topicName(), key, serde.serialize(Topic.TICKETS, TestEvents.envelope(marker)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count("batch:" + marker) == 1);
        for (int i = 0; i < 20; i++) {
            assertEquals(1, count("batch:" + key + "-" + i), "event " + i + " once");
        }
        assertEquals(1, count("batch:" + twice), "the redelivered event took effect once");
        assertEquals(0, count("batch:" + rejected), "the rejected event left nothing");
        List<Integer> sizes = batchLedger.batchSizes();
        assertTrue(sizes.stream().anyMatch(n -> n > 1), "some records were applied together: " + sizes);
    }

    private long count(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> ledger.entries(subject));
    }
}
